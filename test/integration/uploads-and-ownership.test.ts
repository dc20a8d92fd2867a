/**
 * Reference uploads (presigned POST to s3rver, validation by decoding), another person's
 * resources answering 404, and object cleanup that survives a failed first attempt.
 */
import { PNG } from 'pngjs';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import { imagesBucket } from '../../lambdas/adapters/s3/object-store';
import { S3RequestError } from '../../lambdas/adapters/s3/signed-bucket';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  balanceOf,
  newConversation,
  objectsUnder,
  postGeneration,
  settled,
  signedIn,
  uploadWithPresignedPost,
  type ErrorBody,
  type GenerationBody,
} from '../support/generation-flow';

interface UploadCreated {
  upload: { id: string; status: string };
  post: { url: string; fields: Record<string, string>; expiresAt: string };
  maxBytes: number;
}

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) {
    image.data[i] = (i / 4) % 256;
    image.data[i + 1] = 128;
    image.data[i + 2] = 64;
    image.data[i + 3] = 255;
  }
  return PNG.sync.write(image);
}

/** A PNG whose header claims a huge canvas: a decompression bomb's opening. */
function bombPng(): Uint8Array {
  const bytes = Buffer.from(png(1, 1));
  bytes.writeUInt32BE(60_000, 16);
  bytes.writeUInt32BE(60_000, 20);
  return bytes;
}

async function uploaded(token: string, bytes: Uint8Array, contentType = 'image/png') {
  const created = await api.request('POST', '/v1/uploads', { token, body: { contentType } });
  expect(created.status).toBe(201);
  const { upload, post } = created.json as UploadCreated;
  expect(await uploadWithPresignedPost(post, bytes, contentType)).toBeLessThan(300);
  return { uploadId: upload.id, complete: () => api.request('POST', `/v1/uploads/${upload.id}/complete`, { token }) };
}

describe('reference uploads', () => {
  it('hands out a presigned POST that pins key, content type, size and expiry', async () => {
    const { token, sub } = await signedIn(api);
    const created = await api.request('POST', '/v1/uploads', { token, body: { contentType: 'image/jpeg' } });
    const { upload, post, maxBytes } = created.json as UploadCreated;
    const policy = JSON.parse(Buffer.from(post.fields.Policy ?? post.fields.policy, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };

    expect(created.status).toBe(201);
    expect(upload.status).toBe('PENDING');
    expect(post.fields.key).toBe(objectKeys.uploadOriginal(sub, upload.id));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$key', post.fields.key],
        ['eq', '$Content-Type', 'image/jpeg'],
        ['content-length-range', 1, maxBytes],
      ]),
    );
    expect(maxBytes).toBe(10 * 1024 * 1024);
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
  });

  it('validates an upload, keeps a clean PNG, and uses it for image-to-image', async () => {
    const { token, sub } = await signedIn(api);
    const { uploadId, complete } = await uploaded(token, png(64, 48));

    const completed = await complete();
    expect(completed.status).toBe(200);
    expect(completed.json).toMatchObject({
      id: uploadId,
      status: 'READY',
      width: 64,
      height: 48,
      url: expect.stringContaining('X-Amz-Signature'),
    });
    expect(await objectsUnder(`uploads/${sub}/${uploadId}/`)).toEqual([objectKeys.uploadValidated(sub, uploadId)]);

    const conversationId = await newConversation(api, token);
    const generation = (
      await postGeneration(api, token, conversationId, {
        prompt: 'the same, in winter',
        model: 'sd3-5-large',
        referenceUploadIds: [uploadId],
        strength: 0.4,
      })
    ).json as GenerationBody;
    const done = await settled(api, token, generation.id);

    expect(done.status).toBe('SUCCEEDED');
    expect(await objectsUnder(objectKeys.conversationPrefix(sub, conversationId))).toContain(
      objectKeys.generationReference(sub, conversationId, generation.id, 0),
    );
  });

  it.each([
    [
      'an SVG',
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/png',
      'unsupported_image_format',
    ],
    [
      'text that is not an image',
      new TextEncoder().encode('hello, this is not an image at all'),
      'image/jpeg',
      'not_an_image',
    ],
    ['a PNG over the pixel cap', bombPng(), 'image/png', 'too_many_pixels'],
  ])(
    'refuses %s cleanly, deletes the bytes, and the upload cannot be used',
    async (_case, bytes, contentType, code) => {
      const { token, sub } = await signedIn(api);
      const { uploadId, complete } = await uploaded(token, bytes, contentType);

      const refused = await complete();
      const again = await complete();

      expect(refused.status).toBe(422);
      expect(['not_an_image', 'unsupported_image_format', 'too_many_pixels', 'corrupt_image']).toContain(
        (refused.json as ErrorBody).error.code,
      );
      expect((refused.json as ErrorBody).error.code).toBe(code);
      expect(again.status).toBe(422);
      expect(await objectsUnder(`uploads/${sub}/${uploadId}/`)).toEqual([]);
      const conversationId = await newConversation(api, token);
      const generation = await postGeneration(api, token, conversationId, {
        prompt: 'x',
        model: 'sd3-5-large',
        referenceUploadIds: [uploadId],
      });
      expect(generation.status).toBe(422);
      expect(await balanceOf(sub)).toBe(20);
    },
  );

  it('answers completing an upload that never arrived with a clear 422', async () => {
    const { token } = await signedIn(api);
    const created = (await api.request('POST', '/v1/uploads', { token, body: { contentType: 'image/png' } }))
      .json as UploadCreated;
    const response = await api.request('POST', `/v1/uploads/${created.upload.id}/complete`, { token });
    expect(response.status).toBe(422);
    expect((response.json as ErrorBody).error.code).toBe('upload_missing');
  });
});

describe("another person's resources", () => {
  it("answer 404 to user B for user A's conversation, generation, image and upload", async () => {
    const a = await signedIn(api);
    const b = await signedIn(api);
    const conversationId = await newConversation(api, a.token, 'private');
    const generation = (await postGeneration(api, a.token, conversationId, { prompt: 'a secret garden' }))
      .json as GenerationBody;
    const done = await settled(api, a.token, generation.id);
    const { uploadId, complete } = await uploaded(a.token, png(8, 8));
    await complete();

    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/v1/conversations/${conversationId}`],
      ['PATCH', `/v1/conversations/${conversationId}`, { title: 'mine now' }],
      ['DELETE', `/v1/conversations/${conversationId}`],
      ['POST', `/v1/conversations/${conversationId}/generations`, { prompt: 'x' }],
      ['GET', `/v1/generations/${generation.id}`],
      ['GET', `/v1/images/${done.images[0].id}`],
      ['GET', `/v1/uploads/${uploadId}`],
      ['POST', `/v1/uploads/${uploadId}/complete`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await api.request(method, path, {
        token: b.token,
        body,
        headers: { 'idempotency-key': `key-${method}-${path}` },
      });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
    }
    const borrowed = await postGeneration(api, b.token, await newConversation(api, b.token), {
      prompt: 'x',
      model: 'sd3-5-large',
      referenceUploadIds: [uploadId],
    });
    expect(borrowed.status).toBe(422);

    const stillThere = await api.request('GET', `/v1/conversations/${conversationId}`, { token: a.token });
    expect(stillThere.json).toMatchObject({
      title: 'private',
      generations: [{ id: generation.id, status: 'SUCCEEDED' }],
    });
  });
});

describe('object cleanup', () => {
  it('leaves no object behind when the first delete attempt fails', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const generation = (await postGeneration(api, token, conversationId, { prompt: 'a paper boat' }))
      .json as GenerationBody;
    await settled(api, token, generation.id);
    const prefix = objectKeys.conversationPrefix(sub, conversationId);
    expect(await objectsUnder(prefix)).not.toEqual([]);

    let failures = 0;
    // The workers' S3 requests all go through the images bucket's `send`: fail the first DeleteObjects.
    const bucket = imagesBucket();
    const send = bucket.send;
    bucket.send = async (call) => {
      if (call.operation === 'DeleteObjects' && failures === 0) {
        failures += 1;
        throw new S3RequestError('DeleteObjects', 503, 'ServiceUnavailable', true);
      }
      return send(call);
    };
    try {
      expect((await api.request('DELETE', `/v1/conversations/${conversationId}`, { token })).status).toBe(204);
      await api.queues.drained();
    } finally {
      bucket.send = send;
    }

    expect(failures).toBe(1);
    expect(await objectsUnder(prefix)).toEqual([]);
    expect(api.queues.deadLetters('CleanupWorker')).toEqual([]);
  });
});
