/**
 * The outbox area's ports: marking work handed over, reading what is still pending, and
 * reporting a hand-over left to the sweeper. The DynamoDB outbox repository implements the
 * stores; unit tests use an in-memory one (test/fixtures/memory-outbox.ts). Types only.
 */
import type { OutboxPhase, PendingWork } from './outbox';

export interface OutboxStore {
  /**
   * The hand-over is confirmed (`now`, ISO time). A generation moves on to being watched until it
   * settles (./sweep-outbox.ts); anything else leaves the outbox. An item deleted or settled
   * meanwhile is left as it is.
   */
  handedOver(work: PendingWork, now: string): Promise<void>;
  /** The item leaves the outbox, whatever its phase. */
  clear(work: PendingWork): Promise<void>;
}

/** What the sweeper reads: the outbox index, a shard and a phase at a time. */
export interface OutboxReader {
  /** How many partitions the index is spread over. */
  readonly shards: number;
  /** Entries in `phase` since before `before` (ISO time) in one shard, oldest first, a page at a time. */
  pendingBefore(
    shard: number,
    phase: OutboxPhase,
    before: string,
    limit: number,
    cursor?: unknown,
  ): Promise<{ work: PendingWork[]; cursor?: unknown }>;
}

/** Why a hand-over was left to the sweeper: for the logs, never for the caller. */
export type DeferredHandOver = (work: PendingWork, error: unknown) => void;
