/**
 * The one stack every queue-fed worker uses, as lambdas/shared/http/route.ts is for routes:
 * logger context, Powertools' batch processor (each record on its own; failures reported as
 * partial batch failures, so one bad job never redelivers its neighbours), the job body parsed
 * with valibot, and backoff: a failed record's visibility is set to an exponentially growing,
 * jittered delay, so retries spread out instead of waiting the queue's long default.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from './logger';
import { validate, type Schema } from './validation';

export interface Delivery {
  /** 1 on the first delivery. */
  receiveCount: number;
  messageId: string;
  /** Milliseconds before the invocation times out (a job that runs in chained steps stops in time). */
  remainingMs: () => number;
}

export interface SqsWorkerOptions<Job> {
  job: Schema<Job>;
  /** The worker's own queue (for ChangeMessageVisibility). */
  queueUrl: () => string;
  /** Seconds before the first retry; doubled per delivery, capped at 15 minutes, full jitter. */
  retryBaseSeconds: number;
}

const maxVisibilitySeconds = 15 * 60;
let sqs: SQSClient | undefined;

export function sqsWorker<Job>(options: SqsWorkerOptions<Job>, run: (job: Job, delivery: Delivery) => Promise<void>) {
  const processor = new BatchProcessor(EventType.SQS);

  const handleRecord = async (record: SQSRecord, context?: Context) => {
    const delivery = {
      receiveCount: Number(record.attributes.ApproximateReceiveCount) || 1,
      messageId: record.messageId,
      remainingMs: () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY,
    };
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      body = undefined;
    }
    const parsed = validate(options.job, body);
    if (!parsed.success) {
      // Retrying cannot fix a malformed job: drop it loudly (it never came from Pictor's own code).
      logger.error('malformed job dropped', { messageId: record.messageId });
      return;
    }
    try {
      await run(parsed.data, delivery);
    } catch (error) {
      logger.warn('job failed; will be retried', {
        messageId: record.messageId,
        receiveCount: delivery.receiveCount,
        error: error as Error,
      });
      await postpone(options, record, delivery.receiveCount);
      throw error;
    }
  };

  return middy<SQSEvent, SQSBatchResponse, Error, Context>((event: SQSEvent, context: Context) =>
    processPartialResponse(event, handleRecord, processor, { context, throwOnFullBatchFailure: false }),
  ).use(injectLambdaContext(logger, { resetKeys: true }));
}

async function postpone(options: SqsWorkerOptions<unknown>, record: SQSRecord, receiveCount: number): Promise<void> {
  const ceiling = Math.min(maxVisibilitySeconds, options.retryBaseSeconds * 2 ** (receiveCount - 1));
  const delay = Math.max(1, Math.round(Math.random() * ceiling));
  try {
    sqs ??= new SQSClient({});
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: options.queueUrl(),
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: delay,
      }),
    );
  } catch (error) {
    // The queue's own visibility timeout still brings the job back, only later.
    logger.warn('could not postpone the retry', { messageId: record.messageId, error: error as Error });
  }
}
