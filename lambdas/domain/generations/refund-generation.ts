/** Settling a generation that made no image: the step runGeneration and abandonGeneration share. */
import type { LedgerEntry } from '../profile/profile';
import type { Clock } from '../shared/clock';
import type { Generation, GenerationFailure } from './generation';
import type { GenerationStore } from './ports';

export interface RefundGenerationDeps {
  generations: Pick<GenerationStore, 'failWithRefund'>;
  now: Clock;
}

/**
 * Settles the generation BLOCKED or FAILED and gives its credits back, in one transaction that
 * leaves RUNNING (or QUEUED): 1. build the refund entry, keyed by the generation so it can exist
 * once; 2. settle. Answers false when it was settled already (by another delivery, or the
 * sweeper): nothing is written, so however often this runs the credits come back once.
 */
export async function refundGeneration(
  deps: RefundGenerationDeps,
  generation: Generation,
  status: 'BLOCKED' | 'FAILED',
  failure: GenerationFailure,
): Promise<boolean> {
  const refund: LedgerEntry = {
    entryId: `refund-${generation.generationId}`,
    userId: generation.userId,
    kind: 'REFUND',
    amount: generation.credits,
    generationId: generation.generationId,
    createdAt: deps.now().toISOString(),
  };
  return deps.generations.failWithRefund(generation, status, failure, refund);
}
