/**
 * Pictor's light GET presigner must make the very URL the AWS SDK's S3 presigner makes, or the
 * links it hands out would fail in AWS (s3rver checks no signatures, so only this test can tell).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import fc from 'fast-check';
import { getPresigner } from '../../../lambdas/adapters/s3/presign-get';

// The integration project's global setup exports the emulators' endpoints to every jest
// worker; the SDK client here must see AWS's own endpoint.
delete process.env.AWS_ENDPOINT_URL_S3;
delete process.env.AWS_ENDPOINT_URL;

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=chars',
};
const signingDate = new Date('2026-11-22T10:00:00Z');

function parts(url: string) {
  const parsed = new URL(url);
  return {
    origin: parsed.origin,
    path: parsed.pathname,
    query: Object.fromEntries([...parsed.searchParams].sort(([a], [b]) => a.localeCompare(b))),
  };
}

const awsClient = new S3Client({ region: 'eu-west-1', credentials });
const localClient = new S3Client({
  region: 'eu-west-1',
  credentials,
  endpoint: 'http://127.0.0.1:4569',
  forcePathStyle: true,
});
afterAll(() => {
  for (const client of [awsClient, localClient]) client.destroy();
});

function sdkUrl(key: string, client = awsClient): Promise<string> {
  return getSignedUrl(client, new GetObjectCommand({ Bucket: 'pictor-images', Key: key }), {
    expiresIn: 600,
    signingDate,
  });
}

const keySegment = fc.stringMatching(/^[A-Za-z0-9 _.!'()*+=@,;:$&-]{1,20}$/);

describe('getPresigner', () => {
  it('matches the SDK presigner for keys under the user prefixes, at AWS', async () => {
    const presign = getPresigner({
      bucket: 'pictor-images',
      region: 'eu-west-1',
      credentials: async () => credentials,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(keySegment, { minLength: 1, maxLength: 4 }), async (segments) => {
        const key = `users/abc/${segments.join('/')}.png`;
        expect(parts(await presign(key, 600, signingDate))).toEqual(parts(await sdkUrl(key)));
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  it('matches the SDK presigner in path style at a custom endpoint (the local stack)', async () => {
    const presign = getPresigner({
      bucket: 'pictor-images',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4569',
      credentials: async () => credentials,
    });
    const key = 'users/abc/conversations/01J/image one.png';
    expect(parts(await presign(key, 600, signingDate))).toEqual(parts(await sdkUrl(key, localClient)));
  });

  it('signs for the lifetime asked and with the session token', async () => {
    const presign = getPresigner({ bucket: 'b-1', region: 'us-east-1', credentials: async () => credentials });
    const url = new URL(await presign('users/u/x.png', 300, signingDate));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(credentials.sessionToken);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
