/**
 * For the library tests: a person with generated images, extra images written the way the
 * worker writes them (to page through many without running the model each time), and a look at
 * every key where a favorite or an action-log entry of a user could still be found.
 */
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as items from '../../lambdas/adapters/dynamodb/items';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { favoritesIndexName } from '../../lambdas/adapters/dynamodb/table-design';
import type { Generation } from '../../lambdas/domain/generations/generation';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import { randomId } from '../../lambdas/shared/ids';
import { generationItem, newConversation, postGeneration, settled, signedIn } from './generation-flow';
import type { TestApi } from './local-api';

const table = () => process.env.TABLE_NAME!;

type Item = Record<string, unknown>;

const query = async (input: {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
}): Promise<Item[]> =>
  (
    await documentClient.send(
      new QueryCommand({ TableName: table(), ...input, ConsistentRead: input.IndexName ? undefined : true }),
    )
  ).Items ?? [];

export interface PersonWithImages {
  token: string;
  sub: string;
  conversationId: string;
  generationId: string;
  /** The generated image. */
  imageId: string;
}

/** A signed-in person with one conversation and one image generated in it. */
export async function personWithImage(api: TestApi, prompt = 'a lantern on a jetty'): Promise<PersonWithImages> {
  const { token, sub } = await signedIn(api);
  const conversationId = await newConversation(api, token);
  return { token, sub, conversationId, ...(await generatedImage(api, token, conversationId, prompt)) };
}

/** One more generation in the conversation, run to the end. */
export async function generatedImage(api: TestApi, token: string, conversationId: string, prompt: string) {
  const posted = await postGeneration(api, token, conversationId, { prompt });
  if (posted.status !== 202) throw new Error(`generation answered ${posted.status}: ${posted.text}`);
  const generation = await settled(api, token, (posted.json as { id: string }).id);
  if (generation.status !== 'SUCCEEDED') throw new Error(`generation ended ${generation.status}`);
  return { generationId: generation.id, imageId: generation.images[0].id };
}

/**
 * A second image of the person's generation, written as the worker writes one (item and entry
 * in the generation's `images`), created at `createdAt`; its object is never stored.
 */
export async function storedImage(person: PersonWithImages, createdAt: string): Promise<string> {
  const imageId = randomId();
  const generation = items.generation.from((await generationItem(person.sub, person.generationId))!) as Generation;
  const stored = {
    imageId,
    objectKey: objectKeys.generatedImage(person.sub, person.conversationId, imageId),
    width: 8,
    height: 8,
  };
  await documentClient.send(
    new PutCommand({ TableName: table(), Item: items.image.to(generation, stored, createdAt) }),
  );
  await documentClient.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.generationById(person.sub, person.generationId),
      UpdateExpression: 'SET images = list_append(images, :more)',
      ExpressionAttributeValues: { ':more': [stored] },
    }),
  );
  return imageId;
}

/** Every favorite and action-log entry any key of the user (and their conversations) still reaches. */
export async function libraryRemainsOf(sub: string, conversationIds: readonly string[]) {
  const partition = await query({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.userPartition(sub) },
  });
  const groups = (
    await Promise.all(
      conversationIds.map((id) =>
        query({
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.conversationGroup(sub, id).gsi1pk },
        }),
      ),
    )
  ).flat();
  return {
    actionEntries: [...partition, ...groups].filter((item) => item.entityType === items.entityTypes.imageAction),
    images: partition.filter((item) => item.entityType === items.entityTypes.image),
    library: await query({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.library(sub).gsi1pk },
    }),
    favorites: await query({
      IndexName: favoritesIndexName,
      KeyConditionExpression: 'favoritesPk = :pk',
      ExpressionAttributeValues: { ':pk': keys.favorites(sub).favoritesPk },
    }),
  };
}

/** Every counter item of a day, as stored. */
export async function counterItemsOf(day: string): Promise<Item[]> {
  return query({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.actionCountsOfDay(day).pk },
  });
}
