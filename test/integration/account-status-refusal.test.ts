/**
 * SECURITY B4 across the generation features: once an account is no longer ACTIVE (deletion
 * started, staff disabled it, or only its tombstone is left), its access tokens stay valid for
 * up to 15 minutes, and every route that reads or writes its data must refuse them with 403,
 * writing nothing. The status is set straight in the table, as account deletion's first step does.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import { conversationRepository } from '../../lambdas/adapters/dynamodb/conversation-repository';
import { imageRepository } from '../../lambdas/adapters/dynamodb/image-repository';
import { uploadRepository } from '../../lambdas/adapters/dynamodb/upload-repository';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import type { AccountStatus } from '../../lambdas/domain/profile/profile';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import { routes } from '../../lib/routes';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  newConversation,
  objectsUnder,
  postGeneration,
  settled,
  signedIn,
  uploadWithPresignedPost,
  type ErrorBody,
  type GenerationBody,
} from '../support/generation-flow';

let api: TestApi;
const table = () => process.env.TABLE_NAME!;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

/** Profile routes refuse through their own use cases; their tests (and account deletion's) hold them. */
const coveredByProfileTests = ['GetMe', 'UpdateMe', 'RecordConsents', 'DeleteMe', 'GetDeletion'];

type Call = [method: string, path: string, body?: unknown, idempotencyKey?: string];

/**
 * A person with one of everything: a conversation, a generation and its image, an upload with
 * bytes, a ledger of two entries, a share link.
 */
async function personWithEverything() {
  const { token, sub } = await signedIn(api);
  const conversationId = await newConversation(api, token, 'kept');
  const generationKey = randomUUID();
  const accepted = (await postGeneration(api, token, conversationId, { prompt: 'a harbour at night' }, generationKey))
    .json as GenerationBody;
  const generation = await settled(api, token, accepted.id);
  const created = (await api.request('POST', '/v1/uploads', { token, body: { contentType: 'image/png' } })).json as {
    upload: { id: string };
    post: { url: string; fields: Record<string, string> };
  };
  expect(
    await uploadWithPresignedPost(created.post, PNG.sync.write(new PNG({ width: 8, height: 8 })), 'image/png'),
  ).toBeLessThan(300);
  const ledgerCursor = ((await api.request('GET', '/v1/credits?limit=1', { token })).json as { nextCursor: string })
    .nextCursor;
  expect(ledgerCursor).toEqual(expect.any(String));

  const shared = await api.request('POST', `/v1/images/${generation.images[0].id}/share-links`, { token });
  expect(shared.status).toBe(201);

  const ids = {
    conversationId,
    generationId: generation.id,
    imageId: generation.images[0].id,
    uploadId: created.upload.id,
    linkId: (shared.json as { linkId: string }).linkId,
  };
  /**
   * Every route of the generation features, some twice (a ledger page past the profile; a replayed
   * Idempotency-Key).
   */
  const calls: Record<string, Call[]> = {
    GetCredits: [
      ['GET', '/v1/credits'],
      ['GET', `/v1/credits?limit=1&cursor=${ledgerCursor}`],
    ],
    CreateConversation: [['POST', '/v1/conversations', { title: 'new' }]],
    ListConversations: [['GET', '/v1/conversations']],
    GetConversation: [['GET', `/v1/conversations/${ids.conversationId}`]],
    RenameConversation: [['PATCH', `/v1/conversations/${ids.conversationId}`, { title: 'renamed' }]],
    DeleteConversation: [['DELETE', `/v1/conversations/${ids.conversationId}`]],
    CreateGeneration: [
      ['POST', `/v1/conversations/${ids.conversationId}/generations`, { prompt: 'one more' }, randomUUID()],
      ['POST', `/v1/conversations/${ids.conversationId}/generations`, { prompt: 'a harbour at night' }, generationKey],
    ],
    GetGeneration: [['GET', `/v1/generations/${ids.generationId}`]],
    GetImage: [['GET', `/v1/images/${ids.imageId}`]],
    DeleteImage: [['DELETE', `/v1/images/${ids.imageId}`]],
    CreateUpload: [['POST', '/v1/uploads', { contentType: 'image/png' }]],
    CompleteUpload: [['POST', `/v1/uploads/${ids.uploadId}/complete`]],
    GetUpload: [['GET', `/v1/uploads/${ids.uploadId}`]],
    ListImages: [
      ['GET', '/v1/images'],
      ['GET', '/v1/images?favorites=true'],
    ],
    FavoriteImage: [['PUT', `/v1/images/${ids.imageId}/favorite`]],
    UnfavoriteImage: [['DELETE', `/v1/images/${ids.imageId}/favorite`]],
    RecordImageAction: [['POST', `/v1/images/${ids.imageId}/actions`, { type: 'save', channel: 'photos' }]],
    CreateShareLink: [['POST', `/v1/images/${ids.imageId}/share-links`]],
    ListShareLinks: [['GET', '/v1/share-links']],
    RevokeShareLink: [['DELETE', `/v1/share-links/${ids.linkId}`]],
    FileReport: [['POST', '/v1/reports', { target: { imageId: ids.imageId }, reason: 'other' }]],
    ListReports: [['GET', '/v1/reports']],
    // The sync cooldown's write holds the account guard: refused before RevenueCat is asked.
    SyncSubscription: [['POST', '/v1/me/subscription/sync']],
  };
  return { token, sub, ids, calls };
}

async function setStatus(sub: string, status: AccountStatus): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.profile(sub),
      UpdateExpression: 'SET #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
    }),
  );
}

/** Every item the person owns and every object stored for them. */
async function everythingOf(sub: string) {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.userPartition(sub) },
      ConsistentRead: true,
    }),
  );
  const objects = (await Promise.all(objectKeys.userPrefixes(sub).map(objectsUnder))).flat().sort();
  return { items: Items, objects };
}

async function answersTo(token: string, calls: Call[]): Promise<Array<[string, string, number, string | undefined]>> {
  const answers: Array<[string, string, number, string | undefined]> = [];
  for (const [method, path, body, idempotencyKey] of calls) {
    const response = await api.request(method, path, {
      token,
      body,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    });
    answers.push([method, path, response.status, (response.json as ErrorBody | undefined)?.error?.code]);
  }
  return answers;
}

describe('an account that is no longer ACTIVE', () => {
  it('is covered here on every route that touches user data, except the profile routes', async () => {
    const { calls } = await personWithEverything();
    const dataRoutes = routes.filter(
      // The moderators' routes refuse a moderator's inactive account in test/integration/moderation.test.ts.
      (route) =>
        route.auth.kind === 'jwt' &&
        !route.auth.group &&
        route.table !== 'none' &&
        !coveredByProfileTests.includes(route.id),
    );
    expect(Object.keys(calls).sort()).toEqual(dataRoutes.map((route) => route.id).sort());
  });

  it('while being deleted: every read and write answers 403 account_deleting, and nothing is written', async () => {
    const { token, sub, calls } = await personWithEverything();
    await setStatus(sub, 'DELETING');
    const before = await everythingOf(sub);
    const all = Object.values(calls).flat();

    const answers = await answersTo(token, all);
    await api.queues.drained();

    expect(answers).toEqual(all.map(([method, path]) => [method, path, 403, 'account_deleting']));
    expect(await everythingOf(sub)).toEqual(before);
  });

  it.each([
    ['DISABLED', 'account_disabled'],
    ['DELETED', 'account_deleted'],
  ] as const)('when %s: a sample of reads and writes answers 403 %s, and nothing is written', async (status, code) => {
    const { token, sub, calls } = await personWithEverything();
    await setStatus(sub, status);
    const before = await everythingOf(sub);
    const sample = [
      ...calls.GetCredits,
      ...calls.ListConversations,
      ...calls.GetConversation,
      ...calls.GetGeneration,
      ...calls.GetImage,
      ...calls.GetUpload,
      ...calls.RenameConversation,
      ...calls.DeleteImage,
      ...calls.CompleteUpload,
    ];

    const answers = await answersTo(token, sample);
    await api.queues.drained();

    expect(answers).toEqual(sample.map(([method, path]) => [method, path, 403, code]));
    expect(await everythingOf(sub)).toEqual(before);
  });

  it('is refused by the write transactions themselves, not only by the read some routes do first', async () => {
    // The race the read cannot close: deletion starts after a route read the item, before it writes.
    const { sub, ids } = await personWithEverything();
    const images = imageRepository(documentClient, table());
    const uploads = uploadRepository(documentClient, table());
    const conversations = conversationRepository(documentClient, table());
    const image = (await images.get(sub, ids.imageId)).item!;
    const upload = (await uploads.get(sub, ids.uploadId, Math.floor(Date.now() / 1000))).item!;
    await setStatus(sub, 'DELETING');
    const before = await everythingOf(sub);
    const now = new Date().toISOString();

    const outcomes = [
      await images.remove(image, now),
      await uploads.settle(upload, { status: 'READY', width: 8, height: 8 }, now),
      await conversations.rename(sub, ids.conversationId, 'renamed', now),
      await conversations.markDeleting(sub, ids.conversationId, now),
    ];

    expect(outcomes).toEqual(Array(4).fill({ outcome: 'inactive', status: 'DELETING' }));
    expect(await everythingOf(sub)).toEqual(before);
  });

  it('comes back when the account is ACTIVE again (the refusal is the status, not the token)', async () => {
    const { token, sub, calls } = await personWithEverything();
    await setStatus(sub, 'DISABLED');
    expect((await answersTo(token, calls.GetGeneration))[0][2]).toBe(403);

    await setStatus(sub, 'ACTIVE');

    expect(
      (await answersTo(token, [...calls.GetGeneration, ...calls.ListConversations])).map((answer) => answer[2]),
    ).toEqual([200, 200]);
  });
});
