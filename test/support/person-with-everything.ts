/**
 * One signed-in person with one of everything the generation, library and sharing routes serve,
 * and a call per route that reads or writes it: the fixture the account-status refusal and the
 * security matrix (test/integration/security-matrix.test.ts) send their requests from.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import type { TestApi } from './local-api';
import {
  newConversation,
  objectsUnder,
  postGeneration,
  settled,
  signedIn,
  uploadWithPresignedPost,
  type ErrorBody,
  type GenerationBody,
} from './generation-flow';

export type Call = [method: string, path: string, body?: unknown, idempotencyKey?: string];

/**
 * A person with one of everything: a conversation, a generation and its image, an upload with
 * bytes, a ledger of two entries, a share link.
 */
export async function personWithEverything(api: TestApi) {
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

  // A finished export, so its route has an id to be asked about (drained: nothing changes behind the tests' backs).
  const requestedExport = await api.request('POST', '/v1/me/exports', { token });
  expect(requestedExport.status).toBe(202);
  await api.queues.drained();

  const ids = {
    exportId: (requestedExport.json as { exportId: string }).exportId,
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
    RequestExport: [['POST', '/v1/me/exports']],
    GetExport: [['GET', `/v1/me/exports/${ids.exportId}`]],
    // The sync cooldown's write holds the account guard: refused before RevenueCat is asked.
    SyncSubscription: [['POST', '/v1/me/subscription/sync']],
  };
  return { token, sub, ids, calls };
}

/** Every item the person owns and every object stored for them. */
export async function everythingOf(sub: string) {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME!,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.userPartition(sub) },
      ConsistentRead: true,
    }),
  );
  const objects = (await Promise.all(objectKeys.userPrefixes(sub).map(objectsUnder))).flat().sort();
  return { items: Items, objects };
}

export async function answersTo(
  api: TestApi,
  token: string,
  calls: Call[],
): Promise<Array<[string, string, number, string | undefined]>> {
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
