/**
 * Browser POST uploads (POST /v1/uploads) signed with SigV4 and no S3 client. A POST policy's
 * signature is the HMAC-SHA256 of the base64 policy under the SigV4 signing key (AWS: "Browser-
 * based uploads using POST (AWS Signature Version 4)"); nothing else about the request is signed.
 * `@aws-sdk/s3-presigned-post` needs a whole S3Client for its config, which more than doubled
 * the upload route's bundle and cold import (532 KB, 2.2x the reference). The fields, policy and
 * URL below are the ones createPresignedPost produces, in the same order: a property test holds
 * the two equal (test/unit/s3/presign-post.test.ts).
 *
 * Credentials come from the Lambda environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), read on each signature as the GET presigner does: the policy must carry
 * the session token that signed it.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Hash, toHex } from '@smithy/core/serde';
import { createScope, getSigningKey } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { bucketEndpoint, type BucketLocation } from './bucket-endpoint';

export interface PostPresignerOptions extends BucketLocation {
  credentials?: AwsCredentialIdentityProvider;
}

/** One upload: the exact key, the content type the browser must send, the size range, the lifetime. */
export interface PostPolicyRequest {
  key: string;
  contentType: string;
  minBytes: number;
  maxBytes: number;
  expiresInSeconds: number;
  /** When the signature is made (defaults to now). */
  now?: Date;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

const sha256 = Hash.bind(null, 'sha256');

/** `2026-11-22T10:00:00Z`: ISO 8601 without milliseconds, as the policy and SigV4 dates are written. */
const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function postPresigner(options: PostPresignerOptions) {
  const credentialsOf = options.credentials ?? fromEnv();
  const { postUrl } = bucketEndpoint(options);

  return async (request: PostPolicyRequest): Promise<PresignedPost> => {
    const now = request.now ?? new Date();
    const amzDate = iso8601(now).replace(/[-:]/g, '');
    const shortDate = amzDate.slice(0, 8);
    const credentials = await credentialsOf();
    const signedFields: Record<string, string> = {
      'Content-Type': request.contentType,
      bucket: options.bucket,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `${credentials.accessKeyId}/${createScope(shortDate, options.region, 's3')}`,
      'X-Amz-Date': amzDate,
      ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
    };
    // Every field the form sends must be allowed by a condition; S3 refuses the upload otherwise.
    const conditions: unknown[] = [
      ['eq', '$key', request.key],
      ['eq', '$Content-Type', request.contentType],
      ['content-length-range', request.minBytes, request.maxBytes],
      ...Object.entries(signedFields).map(([name, value]) => ({ [name]: value })),
      { key: request.key },
    ];
    const expiration = new Date(now.getTime() + request.expiresInSeconds * 1000);
    const policy = Buffer.from(JSON.stringify({ expiration: iso8601(expiration), conditions }), 'utf8').toString(
      'base64',
    );

    const signingKey = await getSigningKey(sha256, credentials, shortDate, options.region, 's3');
    const hmac = new sha256(signingKey);
    hmac.update(policy);
    const signature = toHex(await hmac.digest());

    return {
      url: postUrl,
      fields: { ...signedFields, key: request.key, Policy: policy, 'X-Amz-Signature': signature },
    };
  };
}
