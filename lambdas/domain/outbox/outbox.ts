/**
 * The outbox: work that a write has committed to (a generation's job, an account's deletion
 * workflow, the rest of a conversation's deletion) and that must be carried through. The write
 * marks its item as pending in the same request that commits it; the request then hands the work
 * over at once and clears the mark. If
 * the hand-over fails, or the function dies first, the mark stays and the sweeper
 * (./sweep-outbox.ts) hands the work over a minute or two later. So committed work is never
 * stranded waiting for a client's retry, and a failed send does not fail a request that has
 * already been paid for (docs/data-model.md, "The outbox"). The hand-over is ./hand-over.ts, the
 * ports ./ports.ts; this module is the model both share.
 */

/** What an outbox entry waits for. */
export type PendingWork =
  | { kind: 'generation'; userId: string; generationId: string }
  | { kind: 'account-deletion'; userId: string }
  /** A conversation marked DELETING whose items and objects are not yet all gone. */
  | { kind: 'conversation-deletion'; userId: string; conversationId: string }
  /** A data export whose job is not yet on the export queue. */
  | { kind: 'export'; userId: string; exportId: string };

/**
 * Where an entry is in the outbox: `SEND` until its hand-over is confirmed; `WATCH` (generations
 * only) from the hand-over until the generation settles.
 */
export type OutboxPhase = 'SEND' | 'WATCH';
