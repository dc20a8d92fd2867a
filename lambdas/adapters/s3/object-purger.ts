/**
 * Empties a user's prefixes for account deletion, a bounded amount per call. Each page lists up
 * to 1,000 keys and deletes them with one DeleteObjects; S3 may answer 200 with per-key
 * `Errors`, and only those keys are sent again (with backoff). Listing always starts from the
 * prefix's beginning: what was deleted is gone, so a rerun after a crash needs no cursor.
 */
import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectPurger } from '../../domain/account-deletion/ports';
import { imagesConfig } from '../../shared/config';
import { TransientStepError } from '../../shared/transient-error';
import { s3Client } from './s3-client';

/** ListObjectsV2 pages and DeleteObjects calls both stop at 1,000 keys. */
const pageSize = 1000;
const maxAttempts = 6;
const baseDelayMs = 50;
const maxDelayMs = 2_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function s3ObjectPurger(
  s3: S3Client = s3Client(),
  bucket: string = imagesConfig().IMAGES_BUCKET,
  sleep = pause,
): ObjectPurger {
  const deleteAll = async (keys: string[]) => {
    let pending = keys;
    for (let attempt = 1; ; attempt += 1) {
      const { Errors = [] } = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: pending.map((Key) => ({ Key })), Quiet: true } }),
      );
      pending = Errors.flatMap((error) => (error.Key ? [error.Key] : []));
      if (pending.length === 0) return;
      if (attempt >= maxAttempts) {
        throw new TransientStepError(
          `DeleteObjects kept failing for ${pending.length} keys (first: ${Errors[0]?.Code ?? 'unknown'})`,
        );
      }
      await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
    }
  };

  return {
    async purge(prefixes, maxObjects) {
      let removed = 0;
      for (const prefix of prefixes) {
        for (;;) {
          const { Contents = [], IsTruncated } = await s3.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: pageSize }),
          );
          const keys = Contents.flatMap((object) => (object.Key ? [object.Key] : []));
          if (keys.length > 0) await deleteAll(keys);
          removed += keys.length;
          if (!IsTruncated) break;
          if (removed >= maxObjects) return { done: false, removed };
        }
      }
      return { done: true, removed };
    },
  };
}
