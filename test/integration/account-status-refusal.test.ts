/**
 * SECURITY B4 across the generation features: once an account is no longer ACTIVE (deletion
 * started, staff disabled it, or only its tombstone is left), its access tokens stay valid for
 * up to 15 minutes, and every route that reads or writes its data must refuse them with 403,
 * writing nothing. The status is set straight in the table, as account deletion's first step does.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import { conversationRepository } from '../../lambdas/adapters/dynamodb/conversation-repository';
import { imageRepository } from '../../lambdas/adapters/dynamodb/image-repository';
import { uploadRepository } from '../../lambdas/adapters/dynamodb/upload-repository';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import type { AccountStatus } from '../../lambdas/domain/profile/profile';
import { routes } from '../../lib/routes';
import { startTestApi, type TestApi } from '../support/local-api';
import { answersTo, everythingOf, personWithEverything } from '../support/person-with-everything';

let api: TestApi;
const table = () => process.env.TABLE_NAME!;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

/** Profile routes refuse through their own use cases; their tests (and account deletion's) hold them. */
const coveredByProfileTests = ['GetMe', 'UpdateMe', 'RecordConsents', 'DeleteMe', 'GetDeletion'];

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

describe('an account that is no longer ACTIVE', () => {
  it('is covered here on every route that touches user data, except the profile routes', async () => {
    const { calls } = await personWithEverything(api);
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
    const { token, sub, calls } = await personWithEverything(api);
    await setStatus(sub, 'DELETING');
    const before = await everythingOf(sub);
    const all = Object.values(calls).flat();

    const answers = await answersTo(api, token, all);
    await api.queues.drained();

    expect(answers).toEqual(all.map(([method, path]) => [method, path, 403, 'account_deleting']));
    expect(await everythingOf(sub)).toEqual(before);
  });

  it.each([
    ['DISABLED', 'account_disabled'],
    ['DELETED', 'account_deleted'],
  ] as const)('when %s: a sample of reads and writes answers 403 %s, and nothing is written', async (status, code) => {
    const { token, sub, calls } = await personWithEverything(api);
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

    const answers = await answersTo(api, token, sample);
    await api.queues.drained();

    expect(answers).toEqual(sample.map(([method, path]) => [method, path, 403, code]));
    expect(await everythingOf(sub)).toEqual(before);
  });

  it('is refused by the write transactions themselves, not only by the read some routes do first', async () => {
    // The race the read cannot close: deletion starts after a route read the item, before it writes.
    const { sub, ids } = await personWithEverything(api);
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
    const { token, sub, calls } = await personWithEverything(api);
    await setStatus(sub, 'DISABLED');
    expect((await answersTo(api, token, calls.GetGeneration))[0][2]).toBe(403);

    await setStatus(sub, 'ACTIVE');

    expect(
      (await answersTo(api, token, [...calls.GetGeneration, ...calls.ListConversations])).map((answer) => answer[2]),
    ).toEqual([200, 200]);
  });
});
