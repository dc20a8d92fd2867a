/**
 * The ObjectStore port on S3, without the S3 client: requests are signed with SigV4 and sent
 * with fetch (./signed-bucket.ts); GET links and upload forms come from ./presigning-store.ts.
 * The endpoint comes from the standard AWS_ENDPOINT_URL_S3 (the local stack points it at
 * s3rver, path-style URLs); credentials from the Lambda environment.
 */
import type { ObjectStore } from '../../domain/storage/ports';
import { imagesConfig } from '../../shared/config';
import { encodeKey } from './bucket-endpoint';
import { deleteObjects, keysPerCall, listPage } from './bucket-calls';
import { imagesBucket } from './images-bucket';
import { presigning } from './presigning-store';
import { errorCode } from './s3-xml';
import { S3RequestError, type SignedBucket } from './signed-bucket';

export { imagesBucket } from './images-bucket';
export { uploadPolicyLifetimeSeconds } from './presigning-store';

export function s3ObjectStore(s3: SignedBucket = imagesBucket()): ObjectStore {
  const config = imagesConfig();

  const deleteKeys = async (keys: readonly string[]) => {
    for (let start = 0; start < keys.length; start += keysPerCall) {
      // Per-key errors are raised, not retried here: the cleanup queue's redelivery redoes only what is left.
      const errors = await deleteObjects(s3, keys.slice(start, start + keysPerCall));
      if (errors.length > 0) {
        throw new Error(`DeleteObjects failed for ${errors.length} keys (first: ${errors[0].code ?? 'unknown'})`);
      }
    }
  };

  return {
    ...presigning(),

    async putPng(key, png) {
      await s3.send({
        operation: 'PutObject',
        method: 'PUT',
        key,
        query: { 'x-id': 'PutObject' },
        headers: { 'content-type': 'image/png' },
        body: png,
      });
    },

    async getBytes(key, maxBytes) {
      let answer: Response;
      try {
        answer = await s3.send({ operation: 'GetObject', method: 'GET', key, query: { 'x-id': 'GetObject' } });
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      return readAtMost(answer, maxBytes);
    },

    async copy(fromKey, toKey) {
      // Encoded as the key is in a request path: RFC 3986 per segment, `/` kept.
      const source = `${config.IMAGES_BUCKET}/${encodeKey(fromKey)}`;
      let answer: Response;
      try {
        answer = await s3.send({
          operation: 'CopyObject',
          method: 'PUT',
          key: toKey,
          query: { 'x-id': 'CopyObject' },
          headers: { 'x-amz-copy-source': source },
        });
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      // A copy can fail after S3 has answered 200: the body then holds an <Error>, not a <CopyObjectResult>.
      const body = await answer.text();
      if (!body.includes('<CopyObjectResult'))
        throw new S3RequestError('CopyObject', answer.status, errorCode(body) ?? 'CopyFailed', true);
      return true;
    },

    deleteKeys,

    async deletePrefix(prefix) {
      let deleted = 0;
      // Each page is deleted before the next is listed, so a retry after a failure starts from what is left.
      for (;;) {
        const { keys } = await listPage(s3, prefix);
        if (keys.length === 0) return deleted;
        await deleteKeys(keys);
        deleted += keys.length;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return error instanceof S3RequestError && (error.code === 'NoSuchKey' || error.status === 404);
}

/** The body, unless it is over `maxBytes` (by its Content-Length or as it streams): then it is not read further. */
async function readAtMost(answer: Response, maxBytes: number): Promise<{ bytes: Uint8Array } | { tooLarge: true }> {
  if (Number(answer.headers.get('content-length')) > maxBytes) {
    await answer.body?.cancel();
    return { tooLarge: true };
  }
  if (!answer.body) return { bytes: new Uint8Array(0) };
  const reader = answer.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks, total) };
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { tooLarge: true };
    }
    chunks.push(value);
  }
}
