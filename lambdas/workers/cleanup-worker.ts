/**
 * The cleanup worker: removes stored objects nothing points at any more (a deleted
 * conversation's prefix, a deleted image's key). Deleting is idempotent, so a failed attempt
 * (including DeleteObjects' per-key errors) is simply retried with backoff; after the queue's
 * maxReceiveCount the job lands in the DLQ, whose alarm calls a person.
 */
import { s3ObjectStore } from '../adapters/s3/object-store';
import { cleanupJobSchema as job } from '../domain/storage/cleanup-job';
import { cleanupQueueConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { sqsWorker } from '../shared/sqs-worker';

export const handler = sqsWorker(
  { job, queueUrl: () => cleanupQueueConfig().CLEANUP_QUEUE_URL, retryBaseSeconds: 10 },
  async (cleanup) => {
    const objects = s3ObjectStore();
    let deleted = 0;
    for (const prefix of cleanup.prefixes ?? []) deleted += await objects.deletePrefix(prefix);
    if (cleanup.keys?.length) {
      await objects.deleteKeys(cleanup.keys);
      deleted += cleanup.keys.length;
    }
    logger.info('objects removed', { prefixes: cleanup.prefixes?.length ?? 0, deleted });
  },
);
