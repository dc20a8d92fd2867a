/**
 * Image generation end to end on the local stack: real tokens, DynamoDB Local, s3rver, the
 * in-process SQS endpoint and workers, and the local image model. What a person pays, gets, and
 * gets back.
 */
import { randomUUID } from 'node:crypto';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import { workers } from '../../lib/workers';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  balanceOf,
  countDynamoRequests,
  generationItem,
  ledgerOf,
  newConversation,
  objectsUnder,
  pngSignature,
  postGeneration,
  settled,
  signedIn,
  type ErrorBody,
  type GenerationBody,
} from '../support/generation-flow';

let api: TestApi;
const dynamo = countDynamoRequests();

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

describe('the whole flow', () => {
  it('queues a generation, runs it, stores a real PNG and debits the ledger once', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token, 'Lighthouses');

    const accepted = await postGeneration(api, token, conversationId, {
      prompt: 'a lighthouse at dusk',
      aspectRatio: '16:9',
      seed: 42,
    });
    expect(accepted.status).toBe(202);
    const queued = accepted.json as GenerationBody;
    expect(queued).toMatchObject({ status: 'QUEUED', conversationId, credits: 1, images: [] });
    expect(accepted.headers.location).toBe(`/v1/generations/${queued.id}`);

    const done = await settled(api, token, queued.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.images).toHaveLength(1);
    const [image] = done.images;
    expect(image.width).toBeGreaterThan(image.height);
    expect(Date.parse(image.urlExpiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(done.timings.runningMs).not.toBeNull();

    const download = await fetch(image.url);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(download.status).toBe(200);
    expect([...bytes.subarray(0, 8)]).toEqual(pngSignature);

    expect(await balanceOf(sub)).toBe(19);
    const ledger = await ledgerOf(sub);
    expect(ledger.filter((entry) => entry.kind === 'GENERATION')).toEqual([
      expect.objectContaining({ amount: -1, generationId: queued.id }),
    ]);
    expect(ledger.reduce((sum, entry) => sum + entry.amount, 0)).toBe(19);

    const credits = await api.request('GET', '/v1/credits', { token });
    expect(credits.json).toMatchObject({
      balance: 19,
      entries: [
        { kind: 'GENERATION', amount: -1, generationId: queued.id },
        { kind: 'STARTER_GRANT', amount: 20 },
      ],
    });
  });

  it('mints a new URL on every read and never stores one', async () => {
    const { token } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const generation = (await postGeneration(api, token, conversationId, { prompt: 'a red kite' }))
      .json as GenerationBody;
    await settled(api, token, generation.id);

    const first = await api.request('GET', `/v1/generations/${generation.id}`, { token });
    const image = (first.json as GenerationBody).images[0];
    const again = await api.request('GET', `/v1/images/${image.id}`, { token });

    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      id: image.id,
      generationId: generation.id,
      conversationId,
      contentType: 'image/png',
    });
    expect(JSON.stringify(again.json)).toContain('X-Amz-Signature');
  });

  it('draws different prompts differently and the same prompt and seed the same', async () => {
    const { token } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const ids = await Promise.all(
      [
        { prompt: 'a green field', seed: 7 },
        { prompt: 'a green field', seed: 7 },
        { prompt: 'a night sky full of stars', seed: 7 },
      ].map(async (body) => ((await postGeneration(api, token, conversationId, body)).json as GenerationBody).id),
    );
    const bytes = await Promise.all(
      ids.map(async (id) => {
        const generation = await settled(api, token, id);
        return Buffer.from(await (await fetch(generation.images[0].url)).arrayBuffer());
      }),
    );
    expect(bytes[0].equals(bytes[1])).toBe(true);
    expect(bytes[0].equals(bytes[2])).toBe(false);
  });

  it('shows the conversation with its generations, oldest first', async () => {
    const { token } = await signedIn(api);
    const conversationId = await newConversation(api, token, 'Birds');
    const first = (await postGeneration(api, token, conversationId, { prompt: 'a heron' })).json as GenerationBody;
    const second = (await postGeneration(api, token, conversationId, { prompt: 'a wren' })).json as GenerationBody;
    await api.queues.drained();

    const conversation = await api.request('GET', `/v1/conversations/${conversationId}`, { token });

    expect(conversation.status).toBe(200);
    expect(conversation.json).toMatchObject({
      id: conversationId,
      title: 'Birds',
      generations: [
        { id: first.id, status: 'SUCCEEDED', images: [expect.objectContaining({ url: expect.any(String) })] },
        { id: second.id, status: 'SUCCEEDED' },
      ],
    });
  });
});

describe('idempotency', () => {
  it('answers a retried POST with the same generation and debits once', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const key = randomUUID();

    const responses = await Promise.all(
      [1, 2, 3].map(() => postGeneration(api, token, conversationId, { prompt: 'a lantern' }, key)),
    );
    const later = await postGeneration(api, token, conversationId, { prompt: 'a lantern' }, key);

    const ids = new Set([...responses, later].map((response) => (response.json as GenerationBody).id));
    expect([...responses, later].map((response) => response.status)).toEqual([202, 202, 202, 202]);
    expect(ids.size).toBe(1);
    expect(later.headers['idempotent-replayed']).toBe('true');
    await api.queues.drained();
    expect((await ledgerOf(sub)).filter((entry) => entry.kind === 'GENERATION')).toHaveLength(1);
    expect(await balanceOf(sub)).toBe(19);
  });

  it('refuses the same key for a different request, and a missing key, without charging', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const key = randomUUID();
    await postGeneration(api, token, conversationId, { prompt: 'a lantern' }, key);

    const reused = await postGeneration(api, token, conversationId, { prompt: 'a candle' }, key);
    const missing = await api.request('POST', `/v1/conversations/${conversationId}/generations`, {
      token,
      body: { prompt: 'a candle' },
    });

    expect(reused.status).toBe(409);
    expect((reused.json as ErrorBody).error.code).toBe('idempotency_key_reused');
    expect(missing.status).toBe(400);
    expect((missing.json as ErrorBody).error.code).toBe('idempotency_key_required');
    expect(await balanceOf(sub)).toBe(19);
  });
});

describe('credits under contention', () => {
  it('accepts exactly as many of 100 concurrent requests as the balance pays for', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    // The starter grant is 20 and SD3.5 Large costs 2: room for exactly 10.
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        postGeneration(api, token, conversationId, { prompt: `a pebble number ${index}`, model: 'sd3-5-large' }),
      ),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(10);
    expect(statuses.filter((status) => status === 402)).toHaveLength(90);
    expect(
      responses
        .filter((response) => response.status === 402)
        .every((response) => (response.json as ErrorBody).error.code === 'insufficient_credits'),
    ).toBe(true);
    expect(await balanceOf(sub)).toBe(0);
    const ledger = await ledgerOf(sub);
    expect(ledger.reduce((sum, entry) => sum + entry.amount, 0)).toBe(0);
    expect(ledger.filter((entry) => entry.kind === 'GENERATION')).toHaveLength(10);
    await api.queues.drained();
  }, 120_000);
});

describe('refunds', () => {
  it.each([
    ['the model blocks the output', '[local:block] a storm', 'BLOCKED', 'blocked_output_image'],
    ['the model fails for good', '[local:fail] a storm', 'FAILED', 'inference_error'],
    [
      'the model stays unavailable through every delivery',
      '[local:unavailable] a storm',
      'FAILED',
      'model_unavailable',
    ],
  ])('refunds exactly once when %s', async (_case, prompt, status, code) => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);

    const generation = (await postGeneration(api, token, conversationId, { prompt })).json as GenerationBody;
    const done = await settled(api, token, generation.id);

    expect(done).toMatchObject({ status, images: [], error: { code } });
    expect(done.error?.message).toMatch(/refunded/);
    expect(await balanceOf(sub)).toBe(20);
    const ledger = await ledgerOf(sub);
    expect(ledger.filter((entry) => entry.kind === 'REFUND')).toEqual([
      expect.objectContaining({ amount: 1, generationId: generation.id }),
    ]);
    expect(ledger.reduce((sum, entry) => sum + entry.amount, 0)).toBe(20);
    expect(api.queues.deadLetters('GenerationWorker').filter((letter) => letter.body.includes(generation.id))).toEqual(
      [],
    );
  });

  it('tries an unavailable model on every delivery the queue allows, then fails without a dead letter', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const generation = (await postGeneration(api, token, conversationId, { prompt: '[local:unavailable] hail' }))
      .json as GenerationBody;

    const done = await settled(api, token, generation.id);

    expect(done.status).toBe('FAILED');
    expect((await generationItem(sub, generation.id))?.attempts).toBe(
      workers.find((worker) => worker.id === 'GenerationWorker')?.maxReceiveCount,
    );
  });
});

describe('moderation', () => {
  it('refuses a blocked prompt with 422 before any charge or model call', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    await api.request('GET', '/v1/me', { token });

    const refused = await postGeneration(api, token, conversationId, { prompt: 'please [local:moderate] this' });

    expect(refused.status).toBe(422);
    expect((refused.json as ErrorBody).error.code).toBe('prompt_blocked');
    expect(await balanceOf(sub)).toBe(20);
    expect((await ledgerOf(sub)).map((entry) => entry.kind)).toEqual(['STARTER_GRANT']);
  });
});

describe('bad requests cost nothing', () => {
  it.each([
    [{ prompt: '' }, 400, 'invalid_request'],
    [{ prompt: 'x', model: 'amazon.nova-canvas-v1:0' }, 400, 'invalid_request'],
    [{ prompt: 'x', aspectRatio: '7:3' }, 400, 'invalid_request'],
    [{ prompt: 'x', credits: 0 }, 400, 'unknown_field'],
    [{ prompt: 'x', seed: -1 }, 400, 'invalid_request'],
    [{ prompt: 'x', referenceUploadIds: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'] }, 422, 'image_to_image_unsupported'],
    [
      { prompt: 'x', model: 'sd3-5-large', referenceUploadIds: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'] },
      422,
      'reference_not_ready',
    ],
  ])('%j → %i %s', async (body, status, code) => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);

    const response = await postGeneration(api, token, conversationId, body);

    expect(response.status).toBe(status);
    expect((response.json as ErrorBody).error.code).toBe(code);
    expect(await balanceOf(sub)).toBe(20);
  });

  it('answers 404 for a conversation that does not exist', async () => {
    const { token, sub } = await signedIn(api);
    await api.request('GET', '/v1/me', { token });
    const response = await postGeneration(api, token, '01HZZZZZZZZZZZZZZZZZZZZZZZ', { prompt: 'x' });
    expect(response.status).toBe(404);
    expect(await balanceOf(sub)).toBe(20);
  });
});

describe('reads', () => {
  // P5 with B4 (docs/data-model.md): an item and its account in one BatchGetItem; a Query has a
  // GetItem of the account beside it.
  it('read one item with one request, and a list with its Query beside one GetItem of the account', async () => {
    const { token } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const generation = (await postGeneration(api, token, conversationId, { prompt: 'a quiet harbour' }))
      .json as GenerationBody;
    const done = await settled(api, token, generation.id);
    const { upload } = (await api.request('POST', '/v1/uploads', { token, body: { contentType: 'image/png' } }))
      .json as { upload: { id: string } };
    const ledger = (await api.request('GET', '/v1/credits?limit=1', { token })).json as { nextCursor: string };
    const reads: Array<[string, string[]]> = [
      ['/v1/conversations', ['GetItemCommand', 'QueryCommand']],
      [`/v1/conversations/${conversationId}`, ['GetItemCommand', 'QueryCommand']],
      [`/v1/generations/${generation.id}`, ['BatchGetItemCommand']],
      [`/v1/images/${done.images[0].id}`, ['BatchGetItemCommand']],
      [`/v1/uploads/${upload.id}`, ['BatchGetItemCommand']],
      ['/v1/credits', ['QueryCommand']],
      [`/v1/credits?limit=1&cursor=${ledger.nextCursor}`, ['GetItemCommand', 'QueryCommand']],
    ];
    for (const [path, requests] of reads) {
      dynamo.reset();
      expect({
        path,
        status: (await api.request('GET', path, { token })).status,
        requests: [...dynamo.names].sort(),
      }).toEqual({ path, status: 200, requests });
    }
  });
});

describe('deleting a conversation', () => {
  it('removes its items at once and its objects through the cleanup worker', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const generation = (await postGeneration(api, token, conversationId, { prompt: 'a sandcastle' }))
      .json as GenerationBody;
    const done = await settled(api, token, generation.id);
    const prefix = objectKeys.conversationPrefix(sub, conversationId);
    expect(await objectsUnder(prefix)).toHaveLength(1);

    const deleted = await api.request('DELETE', `/v1/conversations/${conversationId}`, { token });
    await api.queues.drained();

    expect(deleted.status).toBe(204);
    expect((await api.request('GET', `/v1/conversations/${conversationId}`, { token })).status).toBe(404);
    expect((await api.request('GET', `/v1/generations/${generation.id}`, { token })).status).toBe(404);
    expect((await api.request('GET', `/v1/images/${done.images[0].id}`, { token })).status).toBe(404);
    expect(await objectsUnder(prefix)).toEqual([]);
    // The ledger is the user's history of payments: it stays.
    expect((await ledgerOf(sub)).some((entry) => entry.generationId === generation.id)).toBe(true);
  });
});
