/**
 * S3 requests on one bucket, signed with the SDK's SigV4 signer and sent with fetch: the five
 * operations Pictor's ObjectStore needs (PutObject, GetObject, CopyObject, DeleteObjects,
 * ListObjectsV2) without the S3 client. The client is ~180 KB of bundle plus ~25 KB more of
 * @smithy/core and costs ~0.55x the reference bundle's whole cold import (measured, docs/bench.md);
 * the signer is already in every bundle that has any AWS client.
 *
 * Each request is the one S3Client sends for the same call, header for header (the SDK's user
 * agent and invocation ids aside): same URL, same CRC32 checksum on bodies, same signed headers,
 * hence the same signature. test/unit/s3/signed-bucket.test.ts holds the two equal through a
 * capturing request handler. Like the SDK's standard retry mode, throttling, 5xx answers and
 * dropped connections are tried up to 3 times with exponential backoff and full jitter
 * (`retryPolicies.s3Request`).
 * Not done, deliberately: response checksum validation on GET (the SDK's default since 2025;
 * TLS covers transport integrity, and every byte read here is decoded as an image next anyway).
 */
import { crc32 } from 'node:zlib';
import { HttpRequest } from '@smithy/core/transport';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { retryCall, retryPolicies, type Sleep } from '../../shared/retry';
import { encodeRfc3986 } from '../signing/sigv4';
import { bucketEndpoint, s3Signer, type BucketLocation } from './bucket-endpoint';
import { errorCode } from './s3-xml';

export type S3Operation =
  | 'PutObject'
  | 'GetObject'
  | 'CopyObject'
  | 'DeleteObjects'
  | 'ListObjectsV2'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload';

export interface S3Call {
  operation: S3Operation;
  method: 'GET' | 'PUT' | 'POST';
  /** The object the call is about; the bucket itself when absent. */
  key?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /**
   * @default true: a body is sent with its CRC32 (`x-amz-checksum-crc32`). CompleteMultipartUpload
   * turns it off: on that call the header would claim to be the whole object's checksum.
   */
  bodyChecksum?: boolean;
}

/** S3 refused the call (`code` is S3's error code, also the error's name), or it could not be reached. */
export class S3RequestError extends Error {
  constructor(
    readonly operation: S3Operation,
    /** The HTTP status; undefined when no answer came back. */
    readonly status: number | undefined,
    readonly code: string,
    /** Worth trying again: throttling, a server error, a dropped connection. */
    readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(`S3 ${operation} failed: ${code}${status ? ` (HTTP ${status})` : ''}`, options);
    this.name = code;
  }
}

export interface SignedBucket {
  /**
   * Sends one call (retrying transient failures) and answers S3's 2xx response, its body unread;
   * anything else throws S3RequestError. A plain property: tests wrap it to inject faults, as
   * they once added middleware to the SDK client.
   */
  send(call: S3Call): Promise<Response>;
}

export interface SignedBucketOptions extends BucketLocation {
  credentials?: AwsCredentialIdentityProvider;
  /** The transport; tests capture requests with their own. */
  fetch?: typeof fetch;
  /** Waits between attempts (`retryPolicies.s3Request`); tests pass one that returns at once. */
  sleep?: Sleep;
  /** The signing clock. */
  now?: () => Date;
}

/** Error codes S3 answers when it wants the caller to slow down or try again (besides any 5xx and 429). */
const transientCodes = new Set([
  'SlowDown',
  'RequestTimeout',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
]);

/** S3's checksum headers carry the CRC32 as 4 big-endian bytes in base64. */
export function crc32Base64(body: Uint8Array): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(body));
  return bytes.toString('base64');
}

/** Query strings encoded the way SigV4 canonicalizes them (RFC 3986), so what is sent is what was signed. */
function queryString(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
    .join('&');
}

export function signedBucket(options: SignedBucketOptions): SignedBucket {
  const signer = s3Signer(options);
  const endpoint = bucketEndpoint(options);
  const transport = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());

  async function attempt(call: S3Call): Promise<Response> {
    // fetch resolves `.` and `..` path segments (even percent-encoded): the key sent would not be the key signed.
    if (call.key?.split('/').some((segment) => segment === '.' || segment === '..')) {
      throw new S3RequestError(call.operation, undefined, 'UnsupportedKey', false);
    }
    const headers: Record<string, string> = { ...call.headers, host: endpoint.host };
    if (call.body) {
      headers['content-length'] = String(call.body.byteLength);
      if (call.bodyChecksum !== false) {
        headers['x-amz-sdk-checksum-algorithm'] = 'CRC32';
        headers['x-amz-checksum-crc32'] = crc32Base64(call.body);
      }
    }
    const path = call.key === undefined ? endpoint.bucketPath : endpoint.objectPath(call.key);
    const query = call.query ?? {};
    const request = new HttpRequest({
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port,
      method: call.method,
      path,
      query,
      headers,
      body: call.body,
    });
    const signed = await signer.sign(request, { signingDate: now() });

    // fetch derives Host and Content-Length from the URL and the body: the same values as signed.
    const { host: _host, 'content-length': _length, ...sent } = signed.headers;
    const search = Object.keys(query).length > 0 ? `?${queryString(query)}` : '';
    let response: Response;
    try {
      // A redirect (a bucket in another region) is S3's error to report, not a URL to re-send the signed request to.
      response = await transport(`${endpoint.protocol}//${endpoint.host}${path}${search}`, {
        method: call.method,
        headers: sent,
        body: call.body,
        redirect: 'manual',
      });
    } catch (error) {
      throw new S3RequestError(call.operation, undefined, 'NetworkError', true, { cause: error });
    }
    if (response.ok) return response;
    const code = errorCode(await response.text().catch(() => '')) ?? `Http${response.status}`;
    const transient = response.status >= 500 || response.status === 429 || transientCodes.has(code);
    throw new S3RequestError(call.operation, response.status, code, transient);
  }

  return {
    send: (call) =>
      retryCall(retryPolicies.s3Request, () => attempt(call), {
        retryable: (error) => error instanceof S3RequestError && error.transient,
        sleep: options.sleep,
      }),
  };
}
