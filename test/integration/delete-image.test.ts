/**
 * DELETE /v1/images/{id} end to end: the image item and its place in the generation go in the
 * request, the stored object through the cleanup queue; nothing else moves, and nobody but the
 * owner can do it.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as items from '../../lambdas/adapters/dynamodb/items';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import type { Generation } from '../../lambdas/domain/generations/generation';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import { randomId } from '../../lambdas/shared/ids';
import { s3Client } from '../../local/emulators/s3';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  countDynamoRequests,
  generationItem,
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
const table = () => process.env.TABLE_NAME!;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

/** A signed-in person with a conversation and one generated image in it. */
async function withImage(prompt = 'a lantern on a jetty') {
  const { token, sub } = await signedIn(api);
  const conversationId = await newConversation(api, token);
  const accepted = (await postGeneration(api, token, conversationId, { prompt })).json as GenerationBody;
  const generation = await settled(api, token, accepted.id);
  return { token, sub, conversationId, generation, imageId: generation.images[0].id };
}

/**
 * A second image in the same generation, written the way the worker writes one (models that
 * return several images per request will do this): object, image item, entry in `images`.
 */
async function addSecondImage(sub: string, conversationId: string, generationId: string): Promise<string> {
  const imageId = randomId();
  const stored = { imageId, objectKey: objectKeys.generatedImage(sub, conversationId, imageId), width: 8, height: 8 };
  const s3 = s3Client(process.env.AWS_ENDPOINT_URL_S3!);
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: process.env.IMAGES_BUCKET!,
        Key: stored.objectKey,
        Body: Uint8Array.from(pngSignature),
      }),
    );
  } finally {
    s3.destroy();
  }
  const generation = items.generation.from((await generationItem(sub, generationId))!) as Generation;
  await documentClient.send(
    new PutCommand({ TableName: table(), Item: items.image.to(generation, stored, new Date().toISOString()) }),
  );
  await documentClient.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.generationById(sub, generationId),
      UpdateExpression: 'SET images = list_append(images, :more)',
      ExpressionAttributeValues: { ':more': [stored] },
    }),
  );
  return imageId;
}

/** Every item in the person's partition, to show that a refused request wrote nothing. */
async function partitionOf(sub: string) {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.userPartition(sub) },
      ConsistentRead: true,
    }),
  );
  return Items;
}

const imageIdsOf = (generation: { images: Array<{ id: string }> }) => generation.images.map((image) => image.id);

describe('DELETE /v1/images/{id}', () => {
  it('removes the image and its place in the generation now, its object on cleanup, and nothing else', async () => {
    const { token, sub, conversationId, generation, imageId: first } = await withImage();
    const second = await addSecondImage(sub, conversationId, generation.id);
    const other = await settled(
      api,
      token,
      ((await postGeneration(api, token, conversationId, { prompt: 'a rowing boat' })).json as GenerationBody).id,
    );
    const prefix = objectKeys.conversationPrefix(sub, conversationId);
    const objectOf = (imageId: string) => objectKeys.generatedImage(sub, conversationId, imageId);

    // The second of two: the first guess at its position in the list (0) fails its condition,
    // which returns the generation, and the second transaction uses the real position.
    dynamo.reset();
    const deleted = await api.request('DELETE', `/v1/images/${second}`, { token });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(dynamo.names).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand', 'TransactWriteItemsCommand']);

    expect((await api.request('GET', `/v1/images/${second}`, { token })).status).toBe(404);
    expect(
      imageIdsOf((await api.request('GET', `/v1/generations/${generation.id}`, { token })).json as GenerationBody),
    ).toEqual([first]);
    const conversation = (await api.request('GET', `/v1/conversations/${conversationId}`, { token })).json as {
      generations: GenerationBody[];
    };
    expect(conversation.generations.map((listed) => [listed.id, imageIdsOf(listed)])).toEqual([
      [generation.id, [first]],
      [other.id, [other.images[0].id]],
    ]);
    expect((await api.request('GET', `/v1/images/${first}`, { token })).status).toBe(200);

    await api.queues.drained();
    expect((await objectsUnder(prefix)).sort()).toEqual([objectOf(first), objectOf(other.images[0].id)].sort());
    expect(api.queues.deadLetters('CleanupWorker')).toEqual([]);

    const again = await api.request('DELETE', `/v1/images/${second}`, { token });
    expect(again.status).toBe(404);
    expect((again.json as ErrorBody).error.code).toBe('not_found');
  });

  it('takes two DynamoDB requests: the image read with the account, then one transaction', async () => {
    const { token, sub, generation, imageId } = await withImage('a kite over dunes');

    dynamo.reset();
    const deleted = await api.request('DELETE', `/v1/images/${imageId}`, { token });

    expect(deleted.status).toBe(204);
    expect(dynamo.names).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    // Still the generation that was paid for, now without its image.
    expect(await generationItem(sub, generation.id)).toMatchObject({ status: 'SUCCEEDED', images: [] });
  });

  it("answers 404 to another person, and neither A's items nor A's objects change", async () => {
    const a = await withImage('a locked diary');
    const b = await signedIn(api);
    const before = await partitionOf(a.sub);
    const objectsBefore = await objectsUnder(objectKeys.conversationPrefix(a.sub, a.conversationId));

    const attempt = await api.request('DELETE', `/v1/images/${a.imageId}`, { token: b.token });
    await api.queues.drained();

    expect(attempt.status).toBe(404);
    expect((attempt.json as ErrorBody).error.code).toBe('not_found');
    expect(await partitionOf(a.sub)).toEqual(before);
    expect(await objectsUnder(objectKeys.conversationPrefix(a.sub, a.conversationId))).toEqual(objectsBefore);
    expect((await api.request('GET', `/v1/images/${a.imageId}`, { token: a.token })).status).toBe(200);
  });

  it('answers 404 for an image of a conversation being deleted, and writes nothing', async () => {
    const { token, sub, conversationId, generation, imageId } = await withImage('a sandcastle at high tide');
    await documentClient.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.conversationById(sub, conversationId),
        UpdateExpression: 'SET #status = :deleting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':deleting': 'DELETING' },
      }),
    );
    const before = await partitionOf(sub);

    const attempt = await api.request('DELETE', `/v1/images/${imageId}`, { token });

    expect(attempt.status).toBe(404);
    // No partial write: the image item and the generation's list are as they were (the
    // conversation's own deletion removes them, and the whole prefix of objects).
    expect(await partitionOf(sub)).toEqual(before);
    expect((await generationItem(sub, generation.id))?.images).toEqual([expect.objectContaining({ imageId })]);
  });

  it.each(['not-an-id!', 'short', 'x'.repeat(65)])(
    'answers 404 not_found for an id Pictor never issued (%s)',
    async (id) => {
      const { token } = await signedIn(api);
      const response = await api.request('DELETE', `/v1/images/${encodeURIComponent(id)}`, { token });
      expect(response.status).toBe(404);
      expect((response.json as ErrorBody).error.code).toBe('not_found');
    },
  );
});
