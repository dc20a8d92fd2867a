/**
 * The ObjectStore port on S3. One client per container; the endpoint comes from the standard
 * AWS_ENDPOINT_URL_S3 (the local stack points it at s3rver, which needs path-style URLs).
 * Presigned URLs are computed locally with the function's own credentials: GET URLs come from
 * ./image-links.ts, a POST policy lives 5 minutes.
 */
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { ObjectStore } from '../../domain/storage/ports';
import { imagesConfig } from '../../shared/config';
import { imageLinks } from './image-links';

export const uploadPolicyLifetimeSeconds = 300;
/** DeleteObjects takes at most 1,000 keys. */
const deleteBatch = 1000;

let client: S3Client | undefined;

export function s3Client(): S3Client {
  client ??= new S3Client({ forcePathStyle: imagesConfig().S3_FORCE_PATH_STYLE === 'true' });
  return client;
}

export function s3ObjectStore(s3: S3Client = s3Client(), bucket: string = imagesConfig().IMAGES_BUCKET): ObjectStore {
  const deleteKeys = async (keys: readonly string[]) => {
    for (let start = 0; start < keys.length; start += deleteBatch) {
      const { Errors = [] } = await s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: keys.slice(start, start + deleteBatch).map((Key) => ({ Key })), Quiet: true },
        }),
      );
      // DeleteObjects answers 200 with per-key errors; the caller's retry redoes only what is left.
      if (Errors.length > 0) {
        throw new Error(`DeleteObjects failed for ${Errors.length} keys (first: ${Errors[0].Code ?? 'unknown'})`);
      }
    }
  };

  return {
    presignGet: (key) => imageLinks().presignGet(key),

    async presignUpload(key, contentType, maxBytes) {
      const issued = Date.now();
      const { url, fields } = await createPresignedPost(s3, {
        Bucket: bucket,
        Key: key,
        Conditions: [
          ['eq', '$key', key],
          ['eq', '$Content-Type', contentType],
          ['content-length-range', 1, maxBytes],
        ],
        Fields: { 'Content-Type': contentType },
        Expires: uploadPolicyLifetimeSeconds,
      });
      return { url, fields, expiresAt: new Date(issued + uploadPolicyLifetimeSeconds * 1000).toISOString() };
    },

    async putPng(key, png) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: png, ContentType: 'image/png' }));
    },

    async getBytes(key, maxBytes) {
      try {
        const { Body, ContentLength } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!Body) return undefined;
        if (ContentLength !== undefined && ContentLength > maxBytes) {
          await Body.transformToWebStream().cancel();
          return { tooLarge: true };
        }
        const bytes = await Body.transformToByteArray();
        return bytes.byteLength > maxBytes ? { tooLarge: true } : { bytes };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async copy(fromKey, toKey) {
      try {
        await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: toKey, CopySource: `${bucket}/${encodeURIComponent(fromKey).replace(/%2F/g, '/')}` }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },

    deleteKeys,

    async deletePrefix(prefix) {
      let deleted = 0;
      // Each page is deleted before the next is listed, so a retry after a failure starts from what is left.
      for (;;) {
        const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: deleteBatch }));
        const keys = Contents.flatMap((object) => (object.Key ? [object.Key] : []));
        if (keys.length === 0) return deleted;
        await deleteKeys(keys);
        deleted += keys.length;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return error instanceof NoSuchKey || (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404));
}
