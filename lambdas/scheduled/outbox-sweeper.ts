/**
 * The outbox sweeper (lambdas/domain/outbox/sweep-outbox.ts), run every minute by an EventBridge
 * schedule (lib/constructs/outbox-sweeper.ts). Every entry it hands over was work a request
 * committed and could not hand over, so each is logged as a warning; a sweep that could not hand
 * something over fails the invocation, which the function's error alarm watches.
 */
import { documentClient } from '../adapters/dynamodb/client';
import { outboxReader } from '../adapters/dynamodb/outbox-repository';
import { stepFunctionsDeletionWorkflow } from '../adapters/sfn/deletion-workflow';
import { conversationRepository } from '../adapters/dynamodb/conversation-repository';
import { cleanupQueue, generationQueue } from '../adapters/sqs/queues';
import { finishConversationDeletion } from '../domain/conversations/use-cases';
import { defaultOutboxGraceSeconds, OutboxSweepIncomplete, sweepOutbox, type SweepOutboxDeps } from '../domain/outbox/sweep-outbox';
import { outboxSweepConfig, tableConfig } from '../shared/config';
import { logger } from '../shared/logger';

let deps: SweepOutboxDeps | undefined;

function wired(): SweepOutboxDeps {
  deps ??= {
    outbox: outboxReader(documentClient, tableConfig().TABLE_NAME),
    generationQueue: generationQueue(),
    deletionWorkflow: stepFunctionsDeletionWorkflow(),
    finishConversationDeletion: (userId, conversationId) =>
      finishConversationDeletion({ conversations: conversationRepository(documentClient, tableConfig().TABLE_NAME), cleanup: cleanupQueue() }, userId, conversationId),
    now: () => new Date(),
    graceSeconds: outboxSweepConfig().OUTBOX_GRACE_SECONDS ?? defaultOutboxGraceSeconds,
    // Well inside the function's timeout even when every send is slow.
    maxPerRun: 500,
  };
  return deps;
}

export async function handler(): Promise<{ handedOver: number }> {
  try {
    const report = await sweepOutbox(wired());
    for (const work of report.handedOver) logger.warn('outbox sweeper handed over work its request did not', { work: work.kind });
    return { handedOver: report.handedOver.length };
  } catch (error) {
    if (error instanceof OutboxSweepIncomplete) {
      logger.error('outbox sweep incomplete', {
        handedOver: error.report.handedOver.length,
        failed: error.report.failed.map(({ work, error: cause }) => ({ work: work.kind, error: cause instanceof Error ? cause.name : String(cause) })),
      });
    }
    throw error;
  }
}
