/** The outbox sweeper's last resort for a generation that never settled. */
import { modelFailure } from './generation';
import type { GenerationStore } from './ports';
import { refundGeneration, type RefundGenerationDeps } from './refund-generation';

export interface AbandonGenerationDeps extends RefundGenerationDeps {
  generations: Pick<GenerationStore, 'get' | 'failWithRefund'>;
}

/**
 * Called by the outbox sweeper (../outbox/sweep-outbox.ts) for a generation the worker started
 * and then never settled (every delivery crashed or timed out, the job now in the dead-letter
 * queue). Primary course: 1. read the generation; 2. if it is still QUEUED or RUNNING, settle it
 * FAILED (`timed_out`) with its refund, once, like any other failure. One already settled, or
 * gone, is left alone (`settled_already`).
 */
export async function abandonGeneration(
  deps: AbandonGenerationDeps,
  userId: string,
  generationId: string,
): Promise<'abandoned' | 'settled_already'> {
  const { item: generation } = await deps.generations.get(userId, generationId);
  if (!generation || (generation.status !== 'QUEUED' && generation.status !== 'RUNNING')) return 'settled_already';
  const settled = await refundGeneration(deps, generation, 'FAILED', modelFailure('timed_out'));
  return settled ? 'abandoned' : 'settled_already';
}
