/**
 * The cleanup worker: removes stored objects nothing points at any more (a deleted
 * conversation's prefix, a deleted image's key). Deleting is idempotent, so a failed attempt
 * (including DeleteObjects' per-key errors) is simply retried with backoff; after the queue's
 * maxReceiveCount the job lands in the DLQ, whose alarm calls a person.
 */
import * as v from 'valibot';
import { s3ObjectStore } from '../adapters/s3/object-store';
import { userIdCharacters } from '../domain/shared/id-formats';
import { cleanupQueueConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { sqsWorker } from '../shared/sqs-worker';
import { plainObject } from '../shared/validation';

/** Only prefixes and keys Pictor writes (lambdas/domain/storage/object-keys.ts): never the whole bucket. */
const ownedKey = v.pipe(v.string(), v.regex(new RegExp(`^(users|uploads)/${userIdCharacters}/.+`)), v.maxLength(1024));

/** Both lists optional: without plainObject a JSON array would pass as an empty job. */
const job = plainObject(
  v.object({
    prefixes: v.optional(v.pipe(v.array(v.pipe(ownedKey, v.regex(/\/$/))), v.maxLength(100))),
    keys: v.optional(v.pipe(v.array(ownedKey), v.maxLength(1000))),
  }),
);

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
