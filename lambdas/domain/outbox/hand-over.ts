/** A request's hand-over of the work it committed to the outbox (./outbox.ts). */
import type { Clock } from '../shared/clock';
import type { PendingWork } from './outbox';
import type { DeferredHandOver, OutboxStore } from './ports';

export interface HandOverDeps {
  outbox: OutboxStore;
  deferred: DeferredHandOver;
  now: Clock;
}

/**
 * Hands `work` over with `send`, then records that in the outbox. Primary course: 1. send;
 * 2. mark the entry handed over; 3. answer `handed_over`. Never throws for the hand-over: when
 * the send fails the work is still committed, its mark stays, the sweeper retries it, and the
 * answer is `deferred`.
 */
export async function handOver(
  work: PendingWork,
  send: () => Promise<unknown>,
  deps: HandOverDeps,
): Promise<'handed_over' | 'deferred'> {
  try {
    await send();
  } catch (error) {
    deps.deferred(work, error);
    return 'deferred';
  }
  // Failing to record it only means the sweeper sends it once more, which every receiver tolerates.
  await deps.outbox.handedOver(work, deps.now().toISOString()).catch((error: unknown) => deps.deferred(work, error));
  return 'handed_over';
}
