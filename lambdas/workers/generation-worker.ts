/**
 * The generation worker: one SQS job per generation, run by the runGeneration use case. The
 * last delivery (GENERATION_MAX_ATTEMPTS, the queue's maxReceiveCount) settles the generation
 * as FAILED with a refund instead of retrying, so no debit is ever stranded in the DLQ.
 */
import { documentClient } from '../adapters/dynamodb/client';
import { generationRepository } from '../adapters/dynamodb/generation-repository';
import { imageModelFromConfig } from '../adapters/generation/image-model-provider';
import { pngDimensions } from '../adapters/images/png-dimensions';
import { s3ObjectStore } from '../adapters/s3/object-store';
import { telegramIdentityRepository } from '../adapters/dynamodb/telegram-repository';
import { configuredChatSender } from '../adapters/telegram/configured-chat-sender';
import { generationReplies } from '../domain/telegram/generation-replies';
import { generationJobSchema as job } from '../domain/generations/generation-job';
import { runGeneration, type RunGenerationDeps } from '../domain/generations/run-generation';
import { generationQueueConfig, generationWorkerConfig, tableConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { sqsWorker } from '../shared/sqs-worker';

let deps: RunGenerationDeps | undefined;

/** A worker has time to wait out Telegram's flood control longer than a webhook could. */
const workerMaxRetryAfterSeconds = 30;

function runDeps(): RunGenerationDeps {
  deps ??= buildDeps();
  return deps;
}

function buildDeps(): RunGenerationDeps {
  const generations = generationRepository(documentClient, tableConfig().TABLE_NAME);
  const objects = s3ObjectStore();
  const now = () => new Date();
  // A stage without a bot has no chat replies: its generations all come from the API.
  const chat = configuredChatSender(workerMaxRetryAfterSeconds);
  return {
    generations,
    objects,
    model: imageModelFromConfig(),
    now,
    dimensionsOf: pngDimensions,
    ...(chat && {
      chatReplies: generationReplies({
        chat,
        objects,
        generations,
        identities: telegramIdentityRepository(documentClient, tableConfig().TABLE_NAME),
        now,
        log: (message, fields) => logger.info(message, fields),
      }),
    }),
  };
}

export const handler = sqsWorker(
  { job, queueUrl: () => generationQueueConfig().GENERATION_QUEUE_URL, retryBaseSeconds: 20 },
  async (generationJob, delivery) => {
    const maxAttempts = generationWorkerConfig().GENERATION_MAX_ATTEMPTS;
    // A RetryLater (or any other error) propagates: sqsWorker logs it once and postpones the retry.
    const result = await runGeneration(runDeps(), generationJob, { receiveCount: delivery.receiveCount, maxAttempts });
    logger.info('generation settled', {
      generationId: generationJob.generationId,
      result,
      receiveCount: delivery.receiveCount,
    });
  },
);
