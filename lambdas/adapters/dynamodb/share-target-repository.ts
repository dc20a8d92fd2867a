/**
 * The public side of sharing: a token's hash to the one image it opens. Two requests, both
 * strongly consistent: a GetItem of the token look-up (which a revocation deletes in the same
 * transaction as it marks the link), then one BatchGetItem of the owner's profile, the image and
 * its conversation, which must all still be there and ACTIVE (and the image not taken down).
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ShareTargetStore } from '../../domain/shares/ports';
import type { Sleep } from '../../shared/retry';
import { getConsistently } from './get-with-account';
import * as items from './items';
import * as keys from './keys';
import type { ItemKey } from './keys';

export function shareTargetRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
  sleep?: Sleep,
): ShareTargetStore {
  return {
    async liveTarget(tokenHash, now) {
      const { Item: pointerItem } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.shareTokenByHash(tokenHash), ConsistentRead: true }),
      );
      if (!pointerItem) return undefined;
      const pointer = items.shareToken.from(pointerItem);
      if (pointer.expiresAt !== undefined && Date.parse(pointer.expiresAt) <= now.getTime()) return undefined;

      const profileKey = keys.profile(pointer.ownerId);
      const imageKey = keys.image(pointer.ownerId, pointer.imageId);
      const conversationKey = keys.conversationById(pointer.ownerId, pointer.conversationId);
      const found = await getConsistently(client, tableName, [profileKey, imageKey, conversationKey], sleep);
      const at = (wanted: ItemKey) => found.find((item) => item.pk === wanted.pk && item.sk === wanted.sk);
      const [profile, image, conversation] = [at(profileKey), at(imageKey), at(conversationKey)];
      if (profile?.status !== 'ACTIVE' || conversation?.status !== 'ACTIVE') return undefined;
      if (!image || image.takenDownAt !== undefined) return undefined;

      const record = items.image.from(image);
      const title = conversation.title;
      return {
        ownerId: pointer.ownerId,
        imageId: pointer.imageId,
        linkId: pointer.linkId,
        objectKey: record.objectKey,
        width: record.width,
        height: record.height,
        ...(typeof title === 'string' && title !== '' ? { title } : {}),
      };
    },
  };
}
