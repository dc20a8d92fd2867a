/**
 * The outbox sweeper, run on a schedule: hands over every piece of committed work whose request
 * did not (./outbox.ts). Primary course, per shard of the outbox index: read the entries older
 * than the grace period, oldest first; for each, send it again (a generation's job to the
 * generation queue, an account's deletion workflow started under its fixed name, the rest of a
 * conversation's deletion carried out) and clear its mark. Each takes a repeat in its stride:
 * the worker starts a generation only from QUEUED or RUNNING and settles it once, a second
 * StartExecution of a running deletion is answered idempotently, and every step of deleting a
 * conversation is idempotent. One entry failing does not hold the others back; if any failed, the
 * sweep throws at the end, so the function's error alarm fires while the entries wait for the
 * next run.
 */
import type { DeletionWorkflow } from '../account-deletion/ports';
import type { GenerationQueue } from '../storage/ports';
import type { OutboxStore, PendingWork } from './outbox';

export interface OutboxReader {
  /** How many partitions the index is spread over. */
  readonly shards: number;
  /** Entries committed before `before` (ISO time) in one shard, oldest first, a page at a time. */
  pendingBefore(shard: number, before: string, limit: number, cursor?: unknown): Promise<{ work: PendingWork[]; cursor?: unknown }>;
}

export interface SweepOutboxDeps {
  outbox: OutboxReader & OutboxStore;
  generationQueue: GenerationQueue;
  deletionWorkflow: DeletionWorkflow;
  /** Deletes what is left of a conversation marked DELETING (lambdas/domain/conversations/use-cases.ts). */
  finishConversationDeletion: (userId: string, conversationId: string) => Promise<void>;
  now: () => Date;
  /** Entries younger than this are left alone: their request is probably still handing them over. */
  graceSeconds: number;
  /** Most entries one run hands over; the next run takes the rest. */
  maxPerRun: number;
}

export interface SweepReport {
  handedOver: PendingWork[];
  failed: { work: PendingWork; error: unknown }[];
}

export class OutboxSweepIncomplete extends Error {
  constructor(readonly report: SweepReport) {
    super(`${report.failed.length} outbox entr${report.failed.length === 1 ? 'y' : 'ies'} could not be handed over; they stay for the next run`, {
      cause: report.failed[0]?.error,
    });
    this.name = 'OutboxSweepIncomplete';
  }
}

const pageSize = 100;

/**
 * How old an entry must be before the sweeper takes it: longer than any request that commits
 * outbox work may run (routes time out at 10 s), so it never takes work from a live request.
 */
export const defaultOutboxGraceSeconds = 60;

export async function sweepOutbox(deps: SweepOutboxDeps): Promise<SweepReport> {
  const before = new Date(deps.now().getTime() - deps.graceSeconds * 1000).toISOString();
  const report: SweepReport = { handedOver: [], failed: [] };
  let budget = deps.maxPerRun;
  for (let shard = 0; shard < deps.outbox.shards && budget > 0; shard++) {
    let cursor: unknown;
    do {
      const page = await deps.outbox.pendingBefore(shard, before, Math.min(pageSize, budget), cursor);
      cursor = page.cursor;
      for (const work of page.work) {
        budget--;
        try {
          await send(deps, work);
          // A finished conversation deletion took its item, and the entry with it.
          if (work.kind !== 'conversation-deletion') await deps.outbox.clear(work);
          report.handedOver.push(work);
        } catch (error) {
          report.failed.push({ work, error });
        }
      }
    } while (cursor !== undefined && budget > 0);
  }
  if (report.failed.length > 0) throw new OutboxSweepIncomplete(report);
  return report;
}

async function send(deps: SweepOutboxDeps, work: PendingWork): Promise<void> {
  switch (work.kind) {
    case 'generation':
      return deps.generationQueue.enqueue({ userId: work.userId, generationId: work.generationId });
    case 'account-deletion':
      // 'already_requested' (the execution ran or runs) is a hand-over too.
      await deps.deletionWorkflow.start({ userId: work.userId });
      return;
    case 'conversation-deletion':
      return deps.finishConversationDeletion(work.userId, work.conversationId);
  }
}
