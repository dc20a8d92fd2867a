/**
 * Pictor's signed S3 requests must be the requests S3Client sends for the same calls, or they
 * would fail in AWS: s3rver checks no signatures, so only this test can tell. Both sides sign
 * with the same clock and credentials; the SDK's own telemetry headers (user agent, invocation
 * id, attempt counter) are removed before it signs, so everything else, the Authorization
 * header included, must match exactly.
 */
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import type { FinalizeHandler, FinalizeHandlerArguments, MetadataBearer } from '@smithy/types';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import type { ObjectStore } from '../../../lambdas/domain/storage/ports';
import { encodeKey } from '../../../lambdas/adapters/s3/bucket-endpoint';
import { s3ObjectStore } from '../../../lambdas/adapters/s3/object-store';
import { escapeXml } from '../../../lambdas/adapters/s3/s3-xml';
import { signedBucket } from '../../../lambdas/adapters/s3/signed-bucket';

// The integration project's global setup exports the emulators' endpoints to every jest
// worker; the SDK client here must see AWS's own endpoint.
delete process.env.AWS_ENDPOINT_URL_S3;
delete process.env.AWS_ENDPOINT_URL;
process.env.IMAGES_BUCKET = 'pictor-images';
process.env.AWS_REGION = 'eu-west-1';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=chars',
};
const bucket = 'pictor-images';
const region = 'eu-west-1';
const sdkOnlyHeaders = ['user-agent', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request'];

type SdkCommand = PutObjectCommand | GetObjectCommand | CopyObjectCommand | DeleteObjectsCommand | ListObjectsV2Command;

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What S3Client puts on the wire for one command (answered with an empty 200). */
async function sdkSends(command: SdkCommand, endpoint?: string, alsoDrop: readonly string[] = []): Promise<Sent> {
  let captured: HttpRequest | undefined;
  const config: S3ClientConfig = {
    region,
    credentials,
    maxAttempts: 1,
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestHandler: {
      handle: async (request: HttpRequest) => {
        captured = request;
        const body = Readable.from([Buffer.from('<?xml version="1.0"?><R><CopyObjectResult></CopyObjectResult></R>')]);
        return { response: new HttpResponse({ statusCode: 200, headers: {}, body }) };
      },
    } as never,
  };
  const client = new S3Client(config);
  client.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<object, MetadataBearer>) => async (args: FinalizeHandlerArguments<object>) => {
      const { headers } = args.request as HttpRequest;
      for (const name of [...sdkOnlyHeaders, ...alsoDrop]) delete headers[name];
      return next(args);
    },
    { name: 'dropSdkTelemetry', relation: 'before', toMiddleware: 'httpSigningMiddleware' },
  );
  try {
    await client.send(command as Parameters<S3Client['send']>[0]);
  } finally {
    client.destroy();
  }
  const request = captured!;
  const query = new URLSearchParams(request.query as Record<string, string>).toString();
  const port = request.port ? `:${request.port}` : '';
  return {
    method: request.method,
    url: `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`,
    headers: { ...request.headers },
    body: request.body === undefined ? '' : Buffer.from(request.body as Uint8Array).toString('latin1'),
  };
}

/** The fake S3 behind the capturing fetch: every call succeeds; a listing lists `listed` once, then nothing. */
function answerFor(url: string, listed: readonly string[], listings: { count: number }): Response {
  const { searchParams } = new URL(url);
  if (searchParams.get('list-type') === '2') {
    listings.count += 1;
    const contents =
      listings.count === 1 ? listed.map((key) => `<Contents><Key>${escapeXml(key)}</Key></Contents>`).join('') : '';
    return new Response(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult>${contents}</ListBucketResult>`);
  }
  if (searchParams.get('x-id') === 'CopyObject')
    return new Response('<CopyObjectResult><ETag>"e"</ETag></CopyObjectResult>');
  return new Response(searchParams.has('delete') ? '<DeleteResult></DeleteResult>' : 'bytes');
}

/** Everything the object store hands fetch while `use` runs, signed at the SDK's date. */
async function storeSends(
  use: (store: ObjectStore) => Promise<unknown>,
  signingDate: Date,
  endpoint?: string,
  listed: readonly string[] = [],
): Promise<Sent[]> {
  const sent: Sent[] = [];
  const listings = { count: 0 };
  const s3 = signedBucket({
    bucket,
    region,
    endpoint,
    credentials: async () => credentials,
    now: () => signingDate,
    fetch: (async (url: string, init: RequestInit) => {
      sent.push({
        method: String(init.method),
        url,
        headers: { ...(init.headers as Record<string, string>) },
        body: init.body === undefined ? '' : Buffer.from(init.body as Uint8Array).toString('latin1'),
      });
      return answerFor(url, listed, listings);
    }) as typeof fetch,
  });
  await use(s3ObjectStore(s3));
  return sent;
}

/** SigV4's x-amz-date back into a Date. */
function dateOf(headers: Record<string, string>): Date {
  const d = headers['x-amz-date'];
  return new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
  );
}

/** The request S3Client sends for `command` and the one the object store sent in its place must be the same. */
function expectSameRequest(sdk: Sent, ours: Sent) {
  // fetch derives these two from the URL and the body; they were signed with the same values.
  const { host, 'content-length': length, ...sdkHeaders } = sdk.headers;
  expect(host).toBe(new URL(ours.url).host);
  if (length === undefined) expect(ours.body).toBe('');
  else expect(length).toBe(String(Buffer.byteLength(ours.body, 'latin1')));

  const parsed = (url: string) => ({
    origin: new URL(url).origin,
    path: new URL(url).pathname,
    query: [...new URL(url).searchParams].sort(),
  });
  expect({ ...ours, url: parsed(ours.url) }).toEqual({ ...sdk, headers: sdkHeaders, url: parsed(sdk.url) });
  // The path as sent, not only as parsed: S3 signs the exact bytes.
  expect(ours.url.split('?')[0]).toBe(sdk.url.split('?')[0]);
}

/** Runs the SDK command, then the object store's operation at the same signing date; answers what the store sent. */
async function compare(
  command: SdkCommand,
  use: (store: ObjectStore) => Promise<unknown>,
  endpoint?: string,
  listed?: readonly string[],
) {
  const sdk = await sdkSends(command, endpoint);
  const ours = await storeSends(use, dateOf(sdk.headers), endpoint, listed);
  return { sdk, ours };
}

// Keys as S3 allows them: spaces, punctuation, XML specials, non-ASCII; no `.`/`..` segments.
const keySegment = fc.stringMatching(/^[A-Za-z0-9 _!'()*+=@,;:$&<>"~%é漢\r\n\u0085\u2028-]{1,16}$/);
const anyKey = fc
  .array(keySegment, { minLength: 1, maxLength: 4 })
  .map((segments) => `users/u-1/${segments.join('/')}`);
const anyEndpoint = fc.constantFrom(undefined, 'http://127.0.0.1:4569');

describe('the object store sends what S3Client sends', () => {
  it('putPng: PutObject with the same URL, CRC32 checksum, content hash and signature', async () => {
    await fc.assert(
      fc.asyncProperty(anyKey, fc.uint8Array({ maxLength: 2048 }), anyEndpoint, async (key, png, endpoint) => {
        const { sdk, ours } = await compare(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: png, ContentType: 'image/png' }),
          (store) => store.putPng(key, png),
          endpoint,
        );
        expect(ours).toHaveLength(1);
        expectSameRequest(sdk, ours[0]);
      }),
      { numRuns: 30 },
    );
  }, 30_000);

  it('getBytes: GetObject, less the header asking for response checksums (not validated, see ' +
    'signed-bucket.ts)', async () => {
    await fc.assert(
      fc.asyncProperty(anyKey, anyEndpoint, async (key, endpoint) => {
        const sdk = await sdkSends(new GetObjectCommand({ Bucket: bucket, Key: key }), endpoint, [
          'x-amz-checksum-mode',
        ]);
        const ours = await storeSends((store) => store.getBytes(key, 100), dateOf(sdk.headers), endpoint);
        expect(ours).toHaveLength(1);
        expectSameRequest(sdk, ours[0]);
      }),
      { numRuns: 20 },
    );
  }, 30_000);

  it('copy: CopyObject with the source key encoded as the path encodes keys', async () => {
    await fc.assert(
      fc.asyncProperty(anyKey, anyKey, anyEndpoint, async (from, to, endpoint) => {
        const copySource = `${bucket}/${encodeKey(from)}`;
        const { sdk, ours } = await compare(
          new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: copySource }),
          (store) => store.copy(from, to),
          endpoint,
        );
        expect(ours).toHaveLength(1);
        expectSameRequest(sdk, ours[0]);
      }),
      { numRuns: 20 },
    );
  }, 30_000);

  it('deleteKeys: DeleteObjects with the same XML body, checksum and signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyKey, { minLength: 1, maxLength: 20 }), anyEndpoint, async (keys, endpoint) => {
        const { sdk, ours } = await compare(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
          (store) => store.deleteKeys(keys),
          endpoint,
        );
        expect(ours).toHaveLength(1);
        expectSameRequest(sdk, ours[0]);
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  it('deletePrefix: ListObjectsV2 with the prefix, then DeleteObjects of what was listed, then a last ' +
    'listing', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyKey,
        fc.array(keySegment, { minLength: 1, maxLength: 5 }),
        anyEndpoint,
        async (key, names, endpoint) => {
          const prefix = `${key}/`;
          const listed = [...new Set(names)].map((name) => `${prefix}${name}`);
          const listing = await sdkSends(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1000 }),
            endpoint,
          );
          const deletion = await sdkSends(
            new DeleteObjectsCommand({
              Bucket: bucket,
              Delete: { Objects: listed.map((Key) => ({ Key })), Quiet: true },
            }),
            endpoint,
          );
          let deleted = 0;
          // The SDK signed both within the same second or so; sign ours at each one's own date.
          const ours = await storeSends(
            async (store) => (deleted = await store.deletePrefix(prefix)),
            dateOf(listing.headers),
            endpoint,
            listed,
          );
          const oursDeletion = await storeSends(
            (store) => store.deleteKeys(listed),
            dateOf(deletion.headers),
            endpoint,
          );

          expect(deleted).toBe(listed.length);
          expect(ours.map((sent) => sent.method)).toEqual(['GET', 'POST', 'GET']);
          expectSameRequest(listing, ours[0]);
          expectSameRequest(listing, ours[2]);
          expect(ours[1].body).toBe(oursDeletion[0].body);
          expectSameRequest(deletion, oursDeletion[0]);
        },
      ),
      { numRuns: 20 },
    );
  }, 30_000);
});
