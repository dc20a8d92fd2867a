/**
 * The outbox sweeper (lambdas/domain/outbox/sweep-outbox.ts), run every minute by an EventBridge
 * schedule (lib/constructs/outbox-sweeper.ts). Every entry it hands over was work a request
 * committed and could not hand over, so each is logged as a warning; a sweep that could not hand
 * something over fails the invocation, which the function's error alarm watches.
 */
import { documentClient } from '../adapters/dynamodb/client';
import { conversationRepository } from '../adapters/dynamodb/conversation-repository';
import { generationRepository } from '../adapters/dynamodb/generation-repository';
import { outboxReader } from '../adapters/dynamodb/outbox-repository';
import { stepFunctionsDeletionWorkflow } from '../adapters/sfn/deletion-workflow';
import { cleanupQueue, exportQueue, generationQueue } from '../adapters/sqs/queues';
import { finishConversationDeletion } from '../domain/conversations/delete-conversation';
import { abandonGeneration } from '../domain/generations/abandon-generation';
import {
  defaultAbandonAfterSeconds,
  defaultOutboxGraceSeconds,
  OutboxSweepIncomplete,
  sweepOutbox,
  type SweepOutboxDeps,
} from '../domain/outbox/sweep-outbox';
import { systemClock } from '../domain/shared/clock';
import { outboxSweepConfig, tableConfig } from '../shared/config';
import { logger } from '../shared/logger';

type Wired = Omit<SweepOutboxDeps, 'now'>;
let deps: Wired | undefined;

function wired(): Wired {
  if (deps) return deps;
  const table = tableConfig().TABLE_NAME;
  const conversations = conversationRepository(documentClient, table);
  const generations = generationRepository(documentClient, table);
  const cleanup = cleanupQueue();
  deps = {
    outbox: outboxReader(documentClient, table),
    generationQueue: generationQueue(),
    deletionWorkflow: stepFunctionsDeletionWorkflow(),
    exportQueue: exportQueue(),
    finishConversationDeletion: (userId, conversationId) =>
      finishConversationDeletion({ conversations, cleanup }, userId, conversationId),
    abandonGeneration: (userId, generationId) =>
      abandonGeneration({ generations, now: systemClock }, userId, generationId),
    graceSeconds: outboxSweepConfig().OUTBOX_GRACE_SECONDS ?? defaultOutboxGraceSeconds,
    abandonAfterSeconds: outboxSweepConfig().OUTBOX_ABANDON_AFTER_SECONDS ?? defaultAbandonAfterSeconds,
    // Well inside the function's timeout even when every send is slow.
    maxPerRun: 500,
  };
  return deps;
}

/**
 * The schedule's event carries the time it fired; the sweep measures ages from it (in AWS it is
 * within a minute of now, retries being off). A run started by hand without one uses the clock.
 */
function sweepTime(event: { time?: unknown } | undefined): Date {
  const time = typeof event?.time === 'string' ? new Date(event.time) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time : new Date();
}

export async function handler(event?: { time?: unknown }): Promise<{ handedOver: number; abandoned: number }> {
  const at = sweepTime(event);
  try {
    const report = await sweepOutbox({ ...wired(), now: () => at });
    for (const work of report.handedOver)
      logger.warn('outbox sweeper handed over work its request did not', { work: work.kind });
    for (const work of report.abandoned)
      logger.error('outbox sweeper abandoned a generation that never settled: FAILED and refunded', {
        work: work.kind,
      });
    return { handedOver: report.handedOver.length, abandoned: report.abandoned.length };
  } catch (error) {
    if (error instanceof OutboxSweepIncomplete) {
      logger.error('outbox sweep incomplete', {
        handedOver: error.report.handedOver.length,
        abandoned: error.report.abandoned.length,
        failed: error.report.failed.map(({ work, error: cause }) => ({
          work: work.kind,
          error: cause instanceof Error ? cause.name : String(cause),
        })),
      });
    }
    throw error;
  }
}
