/**
 * The two multi-key S3 calls, on the signed bucket (./signed-bucket.ts), shared by the object
 * store (a conversation's cleanup) and the purger (account deletion) so both list and delete
 * the same way: one ListObjectsV2 page, one DeleteObjects of up to 1,000 keys.
 */
import { deleteErrors, deleteObjectsBody, isTruncated, listedKeys } from './s3-xml';
import type { SignedBucket } from './signed-bucket';

/** ListObjectsV2 pages and DeleteObjects calls both stop at 1,000 keys. */
export const keysPerCall = 1000;

/**
 * One ListObjectsV2 page under `prefix` (after the key `startAfter`, when given): its keys in S3's
 * order, and whether more follow.
 */
export async function listPage(
  bucket: SignedBucket,
  prefix: string,
  maxKeys = keysPerCall,
  startAfter?: string,
): Promise<{ keys: string[]; truncated: boolean }> {
  const answer = await bucket.send({
    operation: 'ListObjectsV2',
    method: 'GET',
    query: {
      'list-type': '2',
      prefix,
      'max-keys': String(maxKeys),
      ...(startAfter === undefined ? {} : { 'start-after': startAfter }),
    },
  });
  const xml = await answer.text();
  return { keys: listedKeys(xml), truncated: isTruncated(xml) };
}

/**
 * One DeleteObjects of at most `keysPerCall` keys (Quiet). S3 answers 200 even when some keys
 * failed: those come back here, with S3's code; an empty list means every key is gone.
 */
export async function deleteObjects(
  bucket: SignedBucket,
  keys: readonly string[],
): Promise<Array<{ key?: string; code?: string }>> {
  const answer = await bucket.send({
    operation: 'DeleteObjects',
    method: 'POST',
    query: { delete: '' },
    headers: { 'content-type': 'application/xml' },
    body: new TextEncoder().encode(deleteObjectsBody(keys)),
  });
  return deleteErrors(await answer.text());
}
