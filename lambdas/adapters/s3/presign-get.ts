/**
 * Presigned GET URLs for the read routes, from the SDK's own SigV4 signer without the S3 client.
 * The read routes (GET generation, conversation, image, upload) only ever presign; the full S3
 * client would more than double their bundles (565 KB against 290, measured by `npm run bench`)
 * and their cold starts, on the routes apps poll most. The URL is what
 * `@aws-sdk/s3-request-presigner` makes for GetObject (a unit test holds the two equal):
 * virtual-hosted style in AWS, path style at a custom endpoint (AWS_ENDPOINT_URL_S3, the local
 * stack), payload UNSIGNED-PAYLOAD.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Hash } from '@smithy/core/serde';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export interface GetPresignerOptions {
  bucket: string;
  region: string;
  /** A custom endpoint (path-style URLs); AWS's regional endpoint otherwise. */
  endpoint?: string;
  credentials?: AwsCredentialIdentityProvider;
}

/** RFC 3986 encoding of each key segment, as S3 expects in the path. */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export function getPresigner(options: GetPresignerOptions) {
  const signer = new SignatureV4({
    service: 's3',
    region: options.region,
    credentials: options.credentials ?? fromEnv(),
    sha256: Hash.bind(null, 'sha256'),
    // S3 signs the path as sent: no second round of encoding.
    uriEscapePath: false,
  });
  const base = options.endpoint ? new URL(options.endpoint) : new URL(`https://${options.bucket}.s3.${options.region}.amazonaws.com`);
  const pathPrefix = options.endpoint ? `/${options.bucket}` : '';

  return async (key: string, expiresIn: number, signingDate = new Date()): Promise<string> => {
    const request = new HttpRequest({
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port ? Number(base.port) : undefined,
      method: 'GET',
      path: `${pathPrefix}/${encodeKey(key)}`,
      query: { 'x-id': 'GetObject' },
      // Both are hoisted into the query, as the SDK's presigner does: the payload is not signed,
      // and S3 returns the object's checksum headers (the SDK's default response validation).
      headers: { host: base.host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', 'x-amz-checksum-mode': 'ENABLED' },
    });
    const signed = await signer.presign(request, { expiresIn, signingDate });
    const query = new URLSearchParams(signed.query as Record<string, string>).toString().replace(/\+/g, '%20');
    return `${base.protocol}//${base.host}${signed.path}?${query}`;
  };
}
