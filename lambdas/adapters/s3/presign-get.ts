/**
 * Presigned GET URLs for the read routes, from the SDK's own SigV4 signer without the S3 client.
 * The read routes (GET generation, conversation, image, upload) only ever presign; the full S3
 * client would more than double their bundles (565 KB against 290, measured by `npm run bench`)
 * and their cold starts, on the routes apps poll most. The URL is what
 * `@aws-sdk/s3-request-presigner` makes for GetObject (a unit test holds the two equal):
 * virtual-hosted style in AWS, path style at a custom endpoint (AWS_ENDPOINT_URL_S3, the local
 * stack), payload UNSIGNED-PAYLOAD.
 */
import { HttpRequest } from '@smithy/core/transport';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { bucketEndpoint, s3Signer, type BucketLocation } from './bucket-endpoint';

export interface GetPresignerOptions extends BucketLocation {
  credentials?: AwsCredentialIdentityProvider;
}

export function getPresigner(options: GetPresignerOptions) {
  const signer = s3Signer(options);
  const endpoint = bucketEndpoint(options);

  /** `downloadName`: the browser saves the object under this name (response-content-disposition, signed too). */
  return async (key: string, expiresIn: number, signingDate = new Date(), downloadName?: string): Promise<string> => {
    const request = new HttpRequest({
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port,
      method: 'GET',
      path: endpoint.objectPath(key),
      query: {
        ...(downloadName ? { 'response-content-disposition': `attachment; filename="${downloadName}"` } : {}),
        'x-id': 'GetObject',
      },
      // Both are hoisted into the query, as the SDK's presigner does: the payload is not signed,
      // and S3 returns the object's checksum headers (the SDK's default response validation).
      headers: { host: endpoint.host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', 'x-amz-checksum-mode': 'ENABLED' },
    });
    const signed = await signer.presign(request, { expiresIn, signingDate });
    const query = new URLSearchParams(signed.query as Record<string, string>).toString().replace(/\+/g, '%20');
    return `${endpoint.protocol}//${endpoint.host}${signed.path}?${query}`;
  };
}
