/**
 * The outbox sweeper, run on a schedule: carries through every piece of committed work whose
 * request did not (./outbox.ts). Per shard of the outbox index, oldest first:
 *  - `WATCH` entries older than `abandonAfterSeconds`: generations the worker started and never
 *    settled (its deliveries used up by crashes or timeouts) are FAILED and refunded, once;
 *  - `SEND` entries older than the grace period: the work is sent again (a generation's job to
 *    the generation queue, an account's deletion workflow started under its fixed name, the rest
 *    of a conversation's deletion carried out) and recorded as handed over.
 * Each receiver takes a repeat in its stride:
 * the worker starts a generation only from QUEUED or RUNNING and settles it once, a second
 * StartExecution of a running deletion is answered idempotently, and every step of deleting a
 * conversation is idempotent. One entry failing does not hold the others back; if any failed, the
 * sweep throws at the end, so the function's error alarm fires while the entries wait for the
 * next run.
 */
import type { DeletionWorkflow } from '../account-deletion/ports';
import type { ExportQueue } from '../export/ports';
import type { GenerationQueue } from '../generations/ports';
import type { Clock } from '../shared/clock';
import type { OutboxPhase, PendingWork } from './outbox';
import type { OutboxReader, OutboxStore } from './ports';

export interface SweepOutboxDeps {
  outbox: OutboxReader & OutboxStore;
  generationQueue: GenerationQueue;
  deletionWorkflow: DeletionWorkflow;
  exportQueue: ExportQueue;
  /** Deletes what is left of a conversation marked DELETING (../conversations/delete-conversation.ts). */
  finishConversationDeletion: (userId: string, conversationId: string) => Promise<void>;
  /** FAILS and refunds a generation that never settled (../generations/abandon-generation.ts). */
  abandonGeneration: (userId: string, generationId: string) => Promise<unknown>;
  now: Clock;
  /** `SEND` entries younger than this are left alone: their request is probably still handing them over. */
  graceSeconds: number;
  /** A generation the worker last started longer ago than this, and that has not settled, is abandoned. */
  abandonAfterSeconds: number;
  /** Most entries one run handles; the next run takes the rest. */
  maxPerRun: number;
}

export interface SweepReport {
  handedOver: PendingWork[];
  /** Generations FAILED and refunded because they never settled. */
  abandoned: PendingWork[];
  failed: { work: PendingWork; error: unknown }[];
}

export class OutboxSweepIncomplete extends Error {
  constructor(readonly report: SweepReport) {
    super(
      `${report.failed.length} outbox entr${report.failed.length === 1 ? 'y' : 'ies'} could not be handed over; they ` +
        `stay for the next run`,
      {
        cause: report.failed[0]?.error,
      },
    );
    this.name = 'OutboxSweepIncomplete';
  }
}

const pageSize = 100;

/**
 * How old an entry must be before the sweeper takes it: longer than any request that commits
 * outbox work may run (routes time out at 10 s), so it never takes work from a live request.
 */
export const defaultOutboxGraceSeconds = 60;

/**
 * How long after its last start by the worker a generation may go unsettled before it is
 * abandoned: longer than any delivery cycle of the generation queue (a worker run of at most
 * 2 minutes, then the next delivery within the 12-minute visibility timeout or the worker's own
 * retry delay, at most 15 minutes; checked by an infra test), so only a job that stopped being
 * delivered at all, its deliveries used up, is abandoned.
 */
export const defaultAbandonAfterSeconds = 60 * 60;

/**
 * One run of the sweeper. Primary course, shard by shard, within `maxPerRun` entries:
 * 1. abandon each `WATCH` entry past `abandonAfterSeconds` (FAILED and refunded, then cleared);
 * 2. send each `SEND` entry past `graceSeconds` again, then mark it handed over;
 * 3. answer what was done. Alternative: an entry fails → the others go on, it stays for the
 * next run, and the run ends with OutboxSweepIncomplete.
 */
export async function sweepOutbox(deps: SweepOutboxDeps): Promise<SweepReport> {
  const now = deps.now();
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
  const phases: Array<{ phase: OutboxPhase; before: string; act: (work: PendingWork) => Promise<void> }> = [
    // Abandoning first: an entry sent again in this run starts being watched, and must not be abandoned in the same
    // run.
    { phase: 'WATCH', before: before(deps.abandonAfterSeconds), act: (work) => abandon(deps, work) },
    { phase: 'SEND', before: before(deps.graceSeconds), act: (work) => sendAgain(deps, work, now) },
  ];
  const report: SweepReport = { handedOver: [], abandoned: [], failed: [] };
  let budget = deps.maxPerRun;
  for (let shard = 0; shard < deps.outbox.shards && budget > 0; shard++) {
    for (const { phase, before: cutOff, act } of phases) {
      let cursor: unknown;
      do {
        const page = await deps.outbox.pendingBefore(shard, phase, cutOff, Math.min(pageSize, budget), cursor);
        cursor = page.cursor;
        for (const work of page.work) {
          budget--;
          try {
            await act(work);
            (phase === 'WATCH' ? report.abandoned : report.handedOver).push(work);
          } catch (error) {
            report.failed.push({ work, error });
          }
        }
      } while (cursor !== undefined && budget > 0);
    }
  }
  if (report.failed.length > 0) throw new OutboxSweepIncomplete(report);
  return report;
}

async function sendAgain(deps: SweepOutboxDeps, work: PendingWork, now: Date): Promise<void> {
  await send(deps, work);
  // A finished conversation deletion took its item, and the entry with it.
  if (work.kind !== 'conversation-deletion') await deps.outbox.handedOver(work, now.toISOString());
}

async function abandon(deps: SweepOutboxDeps, work: PendingWork): Promise<void> {
  // Only generations are watched; settling takes one out of the outbox. Anything else here is a stray mark.
  if (work.kind === 'generation') await deps.abandonGeneration(work.userId, work.generationId);
  await deps.outbox.clear(work);
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
    case 'export':
      // The worker takes a job's lease before acting, so a repeat on the queue is dropped.
      return deps.exportQueue.enqueue({ userId: work.userId, exportId: work.exportId });
  }
}
