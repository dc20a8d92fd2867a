/**
 * The generation worker: one SQS job per generation, run by the runGeneration use case. The
 * last delivery (GENERATION_MAX_ATTEMPTS, the queue's maxReceiveCount) settles the generation
 * as FAILED with a refund instead of retrying, so no debit is ever stranded in the DLQ.
 */
import * as v from 'valibot';
import { userIdSchema } from '../domain/shared/id-formats';
import { resourceId } from '../domain/shared/text';
import { documentClient } from '../adapters/dynamodb/client';
import { generationRepository } from '../adapters/dynamodb/generation-repository';
import { imageModelFromConfig } from '../adapters/generation/image-model-provider';
import { pngDimensions } from '../adapters/images/png-dimensions';
import { s3ObjectStore } from '../adapters/s3/object-store';
import { runGeneration, type RunGenerationDeps } from '../domain/generations/run-generation';
import { generationQueueConfig, generationWorkerConfig, tableConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { sqsWorker } from '../shared/sqs-worker';
import { plainObject } from '../shared/validation';

const job = plainObject(v.object({ userId: userIdSchema(), generationId: resourceId }));

let deps: RunGenerationDeps | undefined;

function runDeps(): RunGenerationDeps {
  deps ??= {
    generations: generationRepository(documentClient, tableConfig().TABLE_NAME),
    objects: s3ObjectStore(),
    model: imageModelFromConfig(),
    now: () => new Date(),
    dimensionsOf: pngDimensions,
  };
  return deps;
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
