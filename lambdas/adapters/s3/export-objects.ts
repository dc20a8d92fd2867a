/**
 * The bucket as a data export uses it (lambdas/domain/export/ports.ts), over the signed S3
 * requests every adapter shares (./signed-bucket.ts): listing and streaming the person's objects,
 * the archive's multipart upload with a CRC32 per part (S3 checks each part on arrival), and the
 * checkpoint beside it as JSON.
 */
import type { ExportCheckpoint, UploadedPart } from '../../domain/export/data-export';
import type { ExportObjects } from '../../domain/export/ports';
import { listPage } from './bucket-calls';
import { imagesBucket } from './images-bucket';
import { errorCode, escapeXml, leafText } from './s3-xml';
import { crc32Base64, S3RequestError, type SignedBucket } from './signed-bucket';

export function exportObjects(s3: SignedBucket = imagesBucket()): ExportObjects {
  async function get(key: string): Promise<Response | undefined> {
    try {
      return await s3.send({ operation: 'GetObject', method: 'GET', key, query: { 'x-id': 'GetObject' } });
    } catch (error) {
      if (error instanceof S3RequestError && (error.code === 'NoSuchKey' || error.status === 404)) return undefined;
      throw error;
    }
  }

  return {
    async list(prefixes) {
      const keys: string[] = [];
      for (const prefix of prefixes) {
        let startAfter: string | undefined;
        for (;;) {
          const page = await listPage(s3, prefix, undefined, startAfter);
          keys.push(...page.keys);
          if (!page.truncated || page.keys.length === 0) break;
          startAfter = page.keys[page.keys.length - 1];
        }
      }
      return keys;
    },

    async read(key) {
      const answer = await get(key);
      if (!answer) return undefined;
      const body = answer.body;
      if (!body) return (async function* () {})();
      return body as unknown as AsyncIterable<Uint8Array>;
    },

    async readCheckpoint(key) {
      const answer = await get(key);
      return answer ? ((await answer.json()) as ExportCheckpoint) : undefined;
    },

    async saveCheckpoint(key, checkpoint) {
      await s3.send({
        operation: 'PutObject',
        method: 'PUT',
        key,
        query: { 'x-id': 'PutObject' },
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify(checkpoint)),
      });
    },

    async startUpload(key) {
      const answer = await s3.send({
        operation: 'CreateMultipartUpload',
        method: 'POST',
        key,
        query: { uploads: '', 'x-id': 'CreateMultipartUpload' },
        headers: { 'content-type': 'application/zip', 'x-amz-checksum-algorithm': 'CRC32' },
      });
      const uploadId = leafText(await answer.text(), 'UploadId');
      if (!uploadId) throw new S3RequestError('CreateMultipartUpload', answer.status, 'NoUploadId', true);
      return uploadId;
    },

    async uploadPart(key, uploadId, partNumber, bytes): Promise<UploadedPart> {
      const answer = await s3.send({
        operation: 'UploadPart',
        method: 'PUT',
        key,
        query: { partNumber: String(partNumber), uploadId, 'x-id': 'UploadPart' },
        body: bytes,
      });
      await answer.body?.cancel();
      const etag = answer.headers.get('etag');
      if (!etag) throw new S3RequestError('UploadPart', answer.status, 'NoETag', true);
      return { partNumber, etag, checksum: crc32Base64(bytes) };
    },

    async completeUpload(key, uploadId, parts) {
      const body = [
        '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
        ...parts.map(
          (part) =>
            `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${escapeXml(part.etag)}</ETag>` +
            `<ChecksumCRC32>${part.checksum}</ChecksumCRC32></Part>`,
        ),
        '</CompleteMultipartUpload>',
      ].join('');
      const answer = await s3.send({
        operation: 'CompleteMultipartUpload',
        method: 'POST',
        key,
        query: { uploadId, 'x-id': 'CompleteMultipartUpload' },
        headers: { 'content-type': 'application/xml' },
        body: Buffer.from(body),
        bodyChecksum: false,
      });
      // Like CopyObject, S3 can answer 200 and then fail: the body then holds an <Error>.
      const text = await answer.text();
      if (!text.includes('<CompleteMultipartUploadResult')) {
        throw new S3RequestError('CompleteMultipartUpload', answer.status, errorCode(text) ?? 'CompleteFailed', true);
      }
    },
  };
}
