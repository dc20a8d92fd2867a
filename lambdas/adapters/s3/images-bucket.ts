/**
 * The images bucket as signed S3 requests (./signed-bucket.ts), one per container, for every
 * adapter that sends S3 requests (the object store, the account-deletion purger). The endpoint
 * comes from the standard AWS_ENDPOINT_URL_S3 (the local stack points it at s3rver, path-style
 * URLs); credentials from the Lambda environment.
 */
import { imagesConfig } from '../../shared/config';
import { signedBucket, type SignedBucket } from './signed-bucket';

let bucket: SignedBucket | undefined;

/** The images bucket, once per container. Tests wrap its `send` to inject faults or count calls. */
export function imagesBucket(): SignedBucket {
  if (!bucket) {
    const config = imagesConfig();
    bucket = signedBucket({
      bucket: config.IMAGES_BUCKET,
      region: config.AWS_REGION,
      endpoint: config.AWS_ENDPOINT_URL_S3,
    });
  }
  return bucket;
}
