/**
 * Share-link helpers for the integration tests: a person with a shared image, the public routes
 * called signed out (redirects not followed), and every key a link could still be reached by.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { hashShareToken } from '../../lambdas/domain/shares/share-token';
import { newConversation, postGeneration, settled, signedIn, type GenerationBody } from './generation-flow';
import type { TestApi, TestResponse } from './local-api';

export interface CreatedLink {
  linkId: string;
  token: string;
  url: string;
  createdAt: string;
  expiresAt?: string;
}

export interface SharedImage {
  token: string;
  sub: string;
  conversationId: string;
  imageId: string;
  generationId: string;
}

const table = () => process.env.TABLE_NAME!;

/** A signed-in person with one generated image in a conversation titled `title`. */
export async function personWithImage(api: TestApi, title?: string): Promise<SharedImage> {
  const { token, sub } = await signedIn(api);
  const conversationId = await newConversation(api, token, title);
  const accepted = (await postGeneration(api, token, conversationId, { prompt: 'a lighthouse at dusk' }))
    .json as GenerationBody;
  const generation = await settled(api, token, accepted.id);
  return { token, sub, conversationId, imageId: generation.images[0].id, generationId: generation.id };
}

export async function createLink(api: TestApi, owner: SharedImage, body?: unknown): Promise<CreatedLink> {
  const response = await api.request('POST', `/v1/images/${owner.imageId}/share-links`, { token: owner.token, body });
  if (response.status !== 201) throw new Error(`create link answered ${response.status}: ${response.text}`);
  return response.json as CreatedLink;
}

/** A public request as a signed-out browser or a chat app's crawler sends it; a 302 is not followed. */
export async function signedOut(api: TestApi, path: string): Promise<TestResponse & { setCookie: string[] }> {
  const response = await fetch(`${api.url}${path}`, { redirect: 'manual' });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    setCookie: response.headers.getSetCookie(),
    json,
    text,
  };
}

const query = async (input: { IndexName?: string; KeyConditionExpression: string; values: Record<string, unknown> }) =>
  (
    await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: input.IndexName,
        KeyConditionExpression: input.KeyConditionExpression,
        ExpressionAttributeValues: input.values,
      }),
    )
  ).Items ?? [];

/**
 * Everything by which a link could still be reached: its item by id, its token look-up by the
 * token's hash, the conversation's share group and the owner's share range (base table), and the
 * owner's pointers (gsi1). Empty lists and undefined items when the link is gone.
 */
export async function whatRemainsOfLink(owner: SharedImage, link: CreatedLink) {
  const get = async (Key: keys.ItemKey) =>
    (await documentClient.send(new GetCommand({ TableName: table(), Key, ConsistentRead: true }))).Item;
  return {
    linkItem: await get(keys.shareLinkById(owner.sub, link.linkId)),
    tokenItem: await get(keys.shareTokenByHash(hashShareToken(link.token))),
    shareRange: await query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': keys.userPartition(owner.sub), ':prefix': keys.shareLinkSortKeyPrefix },
    }),
    shareGroup: await query({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      values: { ':pk': keys.conversationShareLinks(owner.sub, owner.conversationId).gsi1pk },
    }),
    pointers: (
      await query({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        values: { ':pk': keys.ownedPointers(owner.sub).gsi1pk },
      })
    ).filter((item) => String(item.pk).startsWith('SHARETOKEN#')),
  };
}

/** What `whatRemainsOfLink` answers once the link is gone from every key. */
export const nothingLeft = {
  linkItem: undefined,
  tokenItem: undefined,
  shareRange: [],
  shareGroup: [],
  pointers: [],
};
