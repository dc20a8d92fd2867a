/**
 * The share links that go with an image or a conversation (docs/sharing.md, "Deletion"): each
 * link's item and, while it is not revoked, its token look-up. Found through the link items'
 * gsi1 share group, so deleting an image or a conversation finds them with one Query.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as keys from './keys';
import type { ItemKey } from './keys';
import { queryAll } from './query-all';

export interface DoomedShareLinks {
  /**
   * The links not revoked, and their token look-ups: at most `maxShareLinksPerImage` per image,
   * so an image's fit in its deletion's transaction.
   */
  unrevoked: ItemKey[];
  /** Revoked links (their look-ups are gone): any number, deleted in batches. */
  revoked: ItemKey[];
  /** How many links are not revoked: what the image's `shareLinkCount` says when the Query missed none. */
  unrevokedCount: number;
}

const linkProjection = { ProjectionExpression: 'pk, sk, tokenHash, revokedAt' } as const;

function doomed(found: Array<Record<string, unknown>>): DoomedShareLinks {
  const keyOf = (link: Record<string, unknown>): ItemKey => ({ pk: String(link.pk), sk: String(link.sk) });
  const unrevoked = found.filter((link) => link.revokedAt === undefined);
  return {
    unrevoked: unrevoked.flatMap((link) => [keyOf(link), keys.shareTokenByHash(String(link.tokenHash))]),
    revoked: found.filter((link) => link.revokedAt !== undefined).map(keyOf),
    unrevokedCount: unrevoked.length,
  };
}

/** The links of one image (a prefix of its conversation's share group). */
export async function shareLinksOfImage(
  client: DynamoDBDocumentClient,
  tableName: string,
  image: { userId: string; conversationId: string; imageId: string },
): Promise<DoomedShareLinks> {
  const group = keys.imageShareLinks(image.userId, image.conversationId, image.imageId);
  return doomed(
    await queryAll(client, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :group AND begins_with(gsi1sk, :image)',
      ExpressionAttributeValues: { ':group': group.gsi1pk, ':image': group.gsi1skPrefix },
      ...linkProjection,
    }),
  );
}

/** The links of every image of one conversation (its whole share group). */
export async function shareLinksOfConversation(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
  conversationId: string,
): Promise<DoomedShareLinks> {
  return doomed(
    await queryAll(client, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :group',
      ExpressionAttributeValues: { ':group': keys.conversationShareLinks(userId, conversationId).gsi1pk },
      ...linkProjection,
    }),
  );
}
