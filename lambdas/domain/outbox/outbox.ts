/**
 * The outbox: work that a write has committed to (a generation's job, an account's deletion
 * workflow, the rest of a conversation's deletion) and that must be carried through. The write marks its item as pending in the same
 * request that commits it; the request then hands the work over at once and clears the mark. If
 * the hand-over fails, or the function dies first, the mark stays and the sweeper
 * (./sweep-outbox.ts) hands the work over a minute or two later. So committed work is never
 * stranded waiting for a client's retry, and a failed send does not fail a request that has
 * already been paid for (docs/data-model.md, "The outbox").
 */

/** What an outbox entry waits for. */
export type PendingWork =
  | { kind: 'generation'; userId: string; generationId: string }
  | { kind: 'account-deletion'; userId: string }
  /** A conversation marked DELETING whose items and objects are not yet all gone. */
  | { kind: 'conversation-deletion'; userId: string; conversationId: string };

export interface OutboxStore {
  /**
   * The hand-over is confirmed (`at`, ISO time). A generation moves on to being watched until it
   * settles (./sweep-outbox.ts); anything else leaves the outbox. An item deleted or settled
   * meanwhile is left as it is.
   */
  handedOver(work: PendingWork, at: string): Promise<void>;
  /** The item leaves the outbox, whatever its phase. */
  clear(work: PendingWork): Promise<void>;
}

/**
 * Where an entry is in the outbox: `SEND` until its hand-over is confirmed; `WATCH` (generations
 * only) from the hand-over until the generation settles.
 */
export type OutboxPhase = 'SEND' | 'WATCH';

/** Why a hand-over was left to the sweeper: for the logs, never for the caller. */
export type DeferredHandOver = (work: PendingWork, error: unknown) => void;

/**
 * Hands `work` over with `send`, then records that in the outbox. Never throws for the hand-over: the work
 * is committed, its mark stays, and the sweeper retries it. Answers whether it went now.
 */
export async function handOver(
  work: PendingWork,
  send: () => Promise<unknown>,
  deps: { outbox: OutboxStore; deferred: DeferredHandOver; now: () => Date | string },
): Promise<'handed_over' | 'deferred'> {
  try {
    await send();
  } catch (error) {
    deps.deferred(work, error);
    return 'deferred';
  }
  // Failing to record it only means the sweeper sends it once more, which every receiver tolerates.
  const at = deps.now();
  await deps.outbox
    .handedOver(work, typeof at === 'string' ? at : at.toISOString())
    .catch((error: unknown) => deps.deferred(work, error));
  return 'handed_over';
}
