/**
 * The library end to end on the local emulators: GET /v1/images across conversations and
 * pages, favorites (PUT/DELETE, GET ?favorites=true), the image view's share-link count and
 * take-down, one Query per page beside the account check, and another person's 404 everywhere.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import type { LibraryImageView } from '../../lambdas/domain/images/image-view';
import { countDynamoRequests, newConversation, signedIn, type ErrorBody } from '../support/generation-flow';
import { generatedImage, personWithImage, storedImage } from '../support/library-flow';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
const dynamo = countDynamoRequests();

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

interface ImagePage {
  images: LibraryImageView[];
  nextCursor: string | null;
}

async function pageOf(token: string, query: string): Promise<ImagePage> {
  const response = await api.request('GET', `/v1/images${query}`, { token });
  expect(response.status).toBe(200);
  return response.json as ImagePage;
}

/** Every page of a list, and the DynamoDB requests each page sent. */
async function allPages(token: string, query: string) {
  const ids: string[] = [];
  const requestsPerPage: string[][] = [];
  let cursor: string | null = null;
  do {
    dynamo.reset();
    const page: ImagePage = await pageOf(token, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    requestsPerPage.push([...dynamo.names].sort());
    ids.push(...page.images.map((image) => image.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { ids, requestsPerPage };
}

describe('GET /v1/images', () => {
  it(
    "lists the caller's images across conversations, newest " + 'first, one Query per page beside the account check',
    async () => {
      const ann = await personWithImage(api);
      const otherConversation = await newConversation(api, ann.token);
      const second = await generatedImage(api, ann.token, otherConversation, 'a heron at dawn');
      const older = [
        await storedImage(ann, '2020-01-02T00:00:00.000Z'),
        await storedImage(ann, '2020-01-01T00:00:00.000Z'),
      ];

      const { ids, requestsPerPage } = await allPages(ann.token, '?limit=2');

      expect(ids).toEqual([second.imageId, ann.imageId, ...older]);
      expect(requestsPerPage).toEqual([
        ['GetItemCommand', 'QueryCommand'],
        ['GetItemCommand', 'QueryCommand'],
      ]);
    },
  );

  it('shows each image with a fresh URL, its size, where it came from, favorite false and no share links', async () => {
    const ann = await personWithImage(api);

    const [image] = (await pageOf(ann.token, '')).images;

    expect(image).toEqual({
      id: ann.imageId,
      status: 'available',
      url: expect.stringContaining(ann.imageId),
      urlExpiresAt: expect.any(String),
      width: expect.any(Number),
      height: expect.any(Number),
      contentType: 'image/png',
      conversationId: ann.conversationId,
      generationId: ann.generationId,
      createdAt: expect.any(String),
      favorite: false,
      favoritedAt: null,
      shareLinks: 0,
    });
    const png = await fetch((image as { url: string }).url);
    expect(png.status).toBe(200);
  });

  it('refuses a cursor it did not hand out', async () => {
    const ann = await personWithImage(api);
    const forged = Buffer.from(JSON.stringify(['CONV#x', 'IMG#x'])).toString('base64url');

    const response = await api.request('GET', `/v1/images?cursor=${forged}`, { token: ann.token });

    expect(response.status).toBe(400);
    expect((response.json as ErrorBody).error.code).toBe('invalid_request');
  });

  it('shows the share-link count and a taken-down image as removed, with its reason and no URL', async () => {
    const ann = await personWithImage(api);
    const shared = await storedImage(ann, '2020-01-01T00:00:00.000Z');
    await documentClient.send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME!,
        Key: keys.image(ann.sub, shared),
        UpdateExpression: 'SET shareLinkCount = :two',
        ExpressionAttributeValues: { ':two': 2 },
      }),
    );
    await documentClient.send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME!,
        Key: keys.image(ann.sub, ann.imageId),
        UpdateExpression: 'SET takenDownAt = :at, takedownReason = :reason',
        ExpressionAttributeValues: { ':at': '2026-11-30T10:00:00.000Z', ':reason': 'violence' },
      }),
    );

    const listed = (await pageOf(ann.token, '')).images;
    const byId = (await api.request('GET', `/v1/images/${ann.imageId}`, { token: ann.token })).json;

    expect(listed.map((image) => [image.id, image.status, image.shareLinks])).toEqual([
      [ann.imageId, 'removed', 0],
      [shared, 'available', 2],
    ]);
    for (const removed of [listed[0], byId]) {
      expect(removed).toMatchObject({
        status: 'removed',
        removal: { reason: 'violence', at: '2026-11-30T10:00:00.000Z' },
      });
      expect(removed).not.toHaveProperty('url');
    }
  });
});

describe('favorites', () => {
  it('favorites idempotently, lists favorites newest favorite first, and unfavorites', async () => {
    const ann = await personWithImage(api);
    const older = await storedImage(ann, '2020-01-01T00:00:00.000Z');

    dynamo.reset();
    const first = await api.request('PUT', `/v1/images/${older}/favorite`, { token: ann.token });
    expect(dynamo.names).toEqual(['TransactWriteItemsCommand', 'GetItemCommand']);
    await api.request('PUT', `/v1/images/${ann.imageId}/favorite`, { token: ann.token });
    dynamo.reset();
    const again = await api.request('PUT', `/v1/images/${older}/favorite`, { token: ann.token });
    expect(dynamo.names).toEqual(['TransactWriteItemsCommand']);

    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ id: older, favorite: true, favoritedAt: expect.any(String) });
    expect((again.json as LibraryImageView).favoritedAt).toBe((first.json as LibraryImageView).favoritedAt);
    const favorites = await allPages(ann.token, '?favorites=true&limit=1');
    expect(favorites.ids).toEqual([ann.imageId, older]);
    expect(favorites.requestsPerPage).toEqual([
      ['GetItemCommand', 'QueryCommand'],
      ['GetItemCommand', 'QueryCommand'],
    ]);
    expect((await api.request('GET', `/v1/images/${older}`, { token: ann.token })).json).toMatchObject({
      favorite: true,
    });

    const removed = await api.request('DELETE', `/v1/images/${ann.imageId}/favorite`, { token: ann.token });
    const removedAgain = await api.request('DELETE', `/v1/images/${ann.imageId}/favorite`, { token: ann.token });

    expect([removed.status, removedAgain.status]).toEqual([200, 200]);
    expect(removedAgain.json).toMatchObject({ favorite: false, favoritedAt: null });
    expect((await pageOf(ann.token, '?favorites=true')).images.map((image) => image.id)).toEqual([older]);
  });

  it('answers 404 for an image that does not exist', async () => {
    const ann = await personWithImage(api);

    const response = await api.request('PUT', '/v1/images/AAAAAAAAAAAAAAAAAAAAAA/favorite', { token: ann.token });

    expect(response.status).toBe(404);
  });
});

describe("another person's images", () => {
  it('answers 404 to every library route on them, lists none of them, and changes nothing', async () => {
    const ann = await personWithImage(api);
    await api.request('PUT', `/v1/images/${ann.imageId}/favorite`, { token: ann.token });
    const bob = await signedIn(api);
    const before = (await pageOf(ann.token, '')).images.map(({ url: _u, urlExpiresAt: _e, ...rest }: any) => rest);

    const answers = [
      await api.request('GET', `/v1/images/${ann.imageId}`, { token: bob.token }),
      await api.request('PUT', `/v1/images/${ann.imageId}/favorite`, { token: bob.token }),
      await api.request('DELETE', `/v1/images/${ann.imageId}/favorite`, { token: bob.token }),
      await api.request('POST', `/v1/images/${ann.imageId}/actions`, { token: bob.token, body: { type: 'save' } }),
    ];

    expect(answers.map((answer) => [answer.status, (answer.json as ErrorBody).error.code])).toEqual(
      Array(4).fill([404, 'not_found']),
    );
    expect(await pageOf(bob.token, '')).toEqual({ images: [], nextCursor: null });
    expect(await pageOf(bob.token, '?favorites=true')).toEqual({ images: [], nextCursor: null });
    const after = (await pageOf(ann.token, '')).images.map(({ url: _u, urlExpiresAt: _e, ...rest }: any) => rest);
    expect(after).toEqual(before);
  });
});
