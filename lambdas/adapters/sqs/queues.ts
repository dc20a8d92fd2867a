/**
 * The job queues on SQS. One client per container; the endpoint comes from the standard
 * AWS_ENDPOINT_URL_SQS (the local stack's in-process queue endpoint).
 */
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { ExportQueue } from '../../domain/export/ports';
import type { CleanupQueue } from '../../domain/storage/ports';
import type { GenerationQueue } from '../../domain/generations/ports';
import { cleanupQueueConfig, exportQueueConfig, generationQueueConfig } from '../../shared/config';

let client: SQSClient | undefined;

function sqs(): SQSClient {
  client ??= new SQSClient({});
  return client;
}

function sender<Job>(queueUrl: () => string) {
  return {
    async enqueue(job: Job) {
      await sqs().send(new SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: JSON.stringify(job) }));
    },
  };
}

export const generationQueue = (): GenerationQueue => sender(() => generationQueueConfig().GENERATION_QUEUE_URL);
export const cleanupQueue = (): CleanupQueue => sender(() => cleanupQueueConfig().CLEANUP_QUEUE_URL);
export const exportQueue = (): ExportQueue => sender(() => exportQueueConfig().EXPORT_QUEUE_URL);
