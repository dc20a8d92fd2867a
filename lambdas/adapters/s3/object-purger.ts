/**
 * Empties a user's prefixes for account deletion, a bounded amount per call, with the signed S3
 * requests every other S3 adapter uses (./images-bucket.ts; the S3 client was ~200 KB of the
 * PurgeObjects bundle). Each page lists up to 1,000 keys and deletes them with one DeleteObjects;
 * S3 may answer 200 with per-key `Errors`, and only those keys are sent again, with backoff
 * (`retryPolicies.s3PerKeyErrors`). Listing always starts from the prefix's beginning: what was
 * deleted is gone, so a rerun after a crash needs no cursor.
 */
import type { ObjectPurger } from '../../domain/account-deletion/ports';
import { retryPolicies, retryRemainder, type Sleep } from '../../shared/retry';
import { TransientStepError } from '../../shared/transient-error';
import { deleteObjects, listPage } from './bucket-calls';
import { imagesBucket } from './images-bucket';
import type { SignedBucket } from './signed-bucket';

export function s3ObjectPurger(bucket: SignedBucket = imagesBucket(), sleep?: Sleep): ObjectPurger {
  const deleteAll = async (keys: readonly string[]) => {
    let firstCode: string | undefined;
    await retryRemainder(
      retryPolicies.s3PerKeyErrors,
      keys,
      async (pending) => {
        const errors = await deleteObjects(bucket, pending);
        firstCode = errors[0]?.code;
        return errors.flatMap((error) => (error.key === undefined ? [] : [error.key]));
      },
      {
        sleep,
        giveUp: (left) =>
          new TransientStepError(
            `DeleteObjects kept failing for ${left.length} keys (first: ${firstCode ?? 'unknown'})`,
          ),
      },
    );
  };

  return {
    async purge(prefixes, maxObjects) {
      let removed = 0;
      for (const prefix of prefixes) {
        for (;;) {
          const { keys, truncated } = await listPage(bucket, prefix);
          if (keys.length > 0) await deleteAll(keys);
          removed += keys.length;
          if (!truncated) break;
          if (removed >= maxObjects) return { done: false, removed };
        }
      }
      return { done: true, removed };
    },
  };
}
