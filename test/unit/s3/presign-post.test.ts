/**
 * Pictor's POST-policy signer must hand out exactly what `@aws-sdk/s3-presigned-post` does (URL,
 * every field, the policy and its signature), or browser uploads would fail in AWS: s3rver checks
 * no signatures, so only this test can tell.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import fc from 'fast-check';
import { postPresigner } from '../../../lambdas/adapters/s3/presign-post';

// The integration project's global setup exports the emulators' endpoints to every jest
// worker; the SDK client here must see AWS's own endpoint.
delete process.env.AWS_ENDPOINT_URL_S3;
delete process.env.AWS_ENDPOINT_URL;

const longTermCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const sessionCredentials = { ...longTermCredentials, sessionToken: 'session/token+with=chars' };

const clients: S3Client[] = [];
afterAll(() => {
  for (const client of clients) client.destroy();
});
afterEach(() => jest.restoreAllMocks());

interface Case {
  region: string;
  endpoint?: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  key: string;
  contentType: string;
  maxBytes: number;
  expiresInSeconds: number;
  now: Date;
}

/** createPresignedPost as object-store.ts used to call it; its clock is Date.now(). */
async function sdkPost(c: Case) {
  const client = new S3Client({
    region: c.region,
    credentials: c.credentials,
    ...(c.endpoint ? { endpoint: c.endpoint, forcePathStyle: true } : {}),
  });
  clients.push(client);
  jest.spyOn(Date, 'now').mockReturnValue(c.now.getTime());
  try {
    return await createPresignedPost(client, {
      Bucket: 'pictor-images',
      Key: c.key,
      Conditions: [
        ['eq', '$key', c.key],
        ['eq', '$Content-Type', c.contentType],
        ['content-length-range', 1, c.maxBytes],
      ],
      Fields: { 'Content-Type': c.contentType },
      Expires: c.expiresInSeconds,
    });
  } finally {
    jest.restoreAllMocks();
  }
}

function ourPost(c: Case) {
  const presign = postPresigner({
    bucket: 'pictor-images',
    region: c.region,
    endpoint: c.endpoint,
    credentials: async () => c.credentials,
  });
  return presign({
    key: c.key,
    contentType: c.contentType,
    minBytes: 1,
    maxBytes: c.maxBytes,
    expiresInSeconds: c.expiresInSeconds,
    now: c.now,
  });
}

const keySegment = fc.stringMatching(/^[A-Za-z0-9 _.!'()*+=@,;:$&-]{1,20}$/);
const anyCase: fc.Arbitrary<Case> = fc.record({
  region: fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2'),
  endpoint: fc.constantFrom(undefined, 'http://127.0.0.1:4569'),
  credentials: fc.constantFrom(longTermCredentials, sessionCredentials),
  key: fc.array(keySegment, { minLength: 1, maxLength: 3 }).map((segments) => `uploads/u-1/${segments.join('/')}`),
  contentType: fc.constantFrom('image/png', 'image/jpeg', 'image/webp'),
  maxBytes: fc.integer({ min: 1, max: 50 * 1024 * 1024 }),
  expiresInSeconds: fc.integer({ min: 1, max: 7 * 24 * 3600 }),
  // Whole seconds: the SDK takes the clock from Date.now() and drops milliseconds itself.
  now: fc
    .integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 })
    .map((s) => new Date(s * 1000 + 123)),
});

describe('postPresigner', () => {
  it('produces the URL, fields, policy and signature of createPresignedPost', async () => {
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        expect(await ourPost(c)).toEqual(await sdkPost(c));
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  it('pins key, content type, size range and expiry in the policy, with the session token', async () => {
    const now = new Date('2026-11-22T10:00:00.500Z');
    const { url, fields } = await ourPost({
      region: 'eu-west-1',
      credentials: sessionCredentials,
      key: 'uploads/u-1/01J',
      contentType: 'image/png',
      maxBytes: 10 * 1024 * 1024,
      expiresInSeconds: 300,
      now,
    });
    const policy = JSON.parse(Buffer.from(fields.Policy, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };

    expect(url).toBe('https://pictor-images.s3.eu-west-1.amazonaws.com/');
    expect(policy.expiration).toBe('2026-11-22T10:05:00Z');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$key', 'uploads/u-1/01J'],
        ['eq', '$Content-Type', 'image/png'],
        ['content-length-range', 1, 10 * 1024 * 1024],
        { 'X-Amz-Security-Token': sessionCredentials.sessionToken },
      ]),
    );
    expect(fields).toMatchObject({
      key: 'uploads/u-1/01J',
      'X-Amz-Date': '20261122T100000Z',
      'X-Amz-Security-Token': sessionCredentials.sessionToken,
    });
    expect(fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a different policy for another key, so one upload cannot be replayed onto another', async () => {
    const base = {
      region: 'eu-west-1',
      credentials: longTermCredentials,
      contentType: 'image/png',
      maxBytes: 10,
      expiresInSeconds: 300,
      now: new Date('2026-11-22T10:00:00Z'),
    };
    const first = await ourPost({ ...base, key: 'uploads/u-1/a' });
    const second = await ourPost({ ...base, key: 'uploads/u-1/b' });

    expect(second.fields['X-Amz-Signature']).not.toBe(first.fields['X-Amz-Signature']);
    expect(first.fields['X-Amz-Security-Token']).toBeUndefined();
  });
});
