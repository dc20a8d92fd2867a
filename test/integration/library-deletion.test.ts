/**
 * Favorites and action-log entries go with their image, their conversation and their account,
 * in the deletion paths that already exist; asserted by queries over every key that could still
 * reach them (the partition, the conversation groups, the library group, the favorites index).
 */
import { fullAccount } from '../support/deletion-flow';
import { countDynamoRequests } from '../support/generation-flow';
import { libraryRemainsOf, personWithImage, storedImage } from '../support/library-flow';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
const dynamo = countDynamoRequests();

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** Favorites the image and records a save and a share of it. */
async function useImage(token: string, imageId: string): Promise<void> {
  expect((await api.request('PUT', `/v1/images/${imageId}/favorite`, { token })).status).toBe(200);
  for (const type of ['save', 'share'])
    expect((await api.request('POST', `/v1/images/${imageId}/actions`, { token, body: { type } })).status).toBe(201);
}

describe('deleting an image', () => {
  it('removes its favorite and its action entries, and leaves its siblings alone', async () => {
    const ann = await personWithImage(api);
    const sibling = await storedImage(ann, '2020-01-01T00:00:00.000Z');
    await useImage(ann.token, ann.imageId);
    await useImage(ann.token, sibling);

    dynamo.reset();
    expect((await api.request('DELETE', `/v1/images/${ann.imageId}`, { token: ann.token })).status).toBe(204);
    await api.queues.drained();

    // The image read and its transaction, then the entries found by key and deleted in one batch.
    expect(dynamo.names.slice(0, 4)).toEqual([
      'BatchGetItemCommand',
      'TransactWriteItemsCommand',
      'QueryCommand',
      'BatchWriteItemCommand',
    ]);
    const remains = await libraryRemainsOf(ann.sub, [ann.conversationId]);
    const mentions = (image: string) => JSON.stringify(remains).includes(image);
    expect(mentions(ann.imageId)).toBe(false);
    expect(remains.favorites.map((item) => item.imageId)).toEqual([sibling]);
    expect(remains.library.map((item) => item.imageId)).toEqual([sibling]);
    expect(remains.actionEntries.map((item) => [item.imageId, item.type]).sort()).toEqual([
      [sibling, 'save'],
      [sibling, 'save'],
      [sibling, 'share'],
      [sibling, 'share'],
    ]);
  });
});

describe('deleting a conversation', () => {
  it('removes the favorites and action entries of every image in it', async () => {
    const ann = await personWithImage(api);
    const second = await storedImage(ann, '2020-01-01T00:00:00.000Z');
    await useImage(ann.token, ann.imageId);
    await useImage(ann.token, second);
    expect((await libraryRemainsOf(ann.sub, [ann.conversationId])).actionEntries).toHaveLength(8);

    expect((await api.request('DELETE', `/v1/conversations/${ann.conversationId}`, { token: ann.token })).status).toBe(
      204,
    );
    await api.queues.drained();

    expect(await libraryRemainsOf(ann.sub, [ann.conversationId])).toEqual({
      actionEntries: [],
      images: [],
      library: [],
      favorites: [],
    });
  });
});

describe('deleting an account', () => {
  it('removes every favorite and action entry with the rest of the partition', async () => {
    const account = await fullAccount(api);
    await useImage(account.token, account.imageId);
    expect((await libraryRemainsOf(account.sub, account.conversationIds)).actionEntries.length).toBeGreaterThan(0);

    expect((await api.request('DELETE', '/v1/me', { token: account.token })).status).toBe(202);
    const execution = await api.stepFunctions.waitForExecution(`delete-${account.sub}`);

    expect(execution.status).toBe('SUCCEEDED');
    expect(await libraryRemainsOf(account.sub, account.conversationIds)).toEqual({
      actionEntries: [],
      images: [],
      library: [],
      favorites: [],
    });
  });
});
