/**
 * The AWS SDK's S3Client, one per container, for code that needs more of S3 than the signed
 * requests in ./signed-bucket.ts offer. The endpoint comes from the standard AWS_ENDPOINT_URL_S3
 * (the local stack points it at s3rver, which needs path-style URLs). Kept out of the object
 * store's module graph: it is ~200 KB of bundle and ~0.55x the reference's cold import.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { imagesConfig } from '../../shared/config';

let client: S3Client | undefined;

export function s3Client(): S3Client {
  client ??= new S3Client({ forcePathStyle: imagesConfig().S3_FORCE_PATH_STYLE === 'true' });
  return client;
}
