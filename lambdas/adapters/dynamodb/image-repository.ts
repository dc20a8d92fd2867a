/**
 * Image access patterns: get one by id in its owner's partition (image-read-repository.ts),
 * and remove one: the image item, its entry in the generation's `images` and its share links, in
 * one transaction guarded by the account and the conversation.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord } from '../../domain/images/image';
import type { ImageStore } from '../../domain/images/ports';
import { accountRefusal, activeAccountCheck } from './account-check';
import { batchWriteAll } from './batch-write';
import { transactionFailures } from './condition-failures';
import { imageReadRepository } from './image-read-repository';
import * as keys from './keys';
import { type DoomedShareLinks, shareLinksOfImage } from './share-links-of';
import { transactWrite } from './transactions';

/**
 * The generation's `images` is a list, and DynamoDB removes list elements by position only. A
 * wrong position fails its condition and returns the generation, which tells the right one; each
 * retry is needed only when a sibling image was removed at the same moment.
 */
const maxRemoveAttempts = 4;

export function imageRepository(client: DynamoDBDocumentClient, tableName: string): ImageStore {
  /** Takes image `imageId` out of the generation's list at `position`, if it is still there. */
  const unlistAt = (image: ImageRecord, position: number, now: string) => ({
    Update: {
      TableName: tableName,
      Key: keys.generationById(image.userId, image.generationId),
      // `position` is a number this code computed, never input, so it may sit in the expression.
      UpdateExpression: `SET updatedAt = :now REMOVE images[${position}]`,
      ConditionExpression: `images[${position}].imageId = :imageId`,
      ExpressionAttributeValues: { ':imageId': image.imageId, ':now': now },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  });

  return {
    ...imageReadRepository(client, tableName),

    async remove(image, now) {
      const { userId } = image;
      // Every generation holds one image today, so the first guess is right; undefined once the
      // generation turns out not to list the image (nothing to take out).
      let position: number | undefined = 0;
      // The image's share links go in the same transaction. An image never shared has no
      // `shareLinkCount` (the first link adds it), so the first try expects none and costs no read;
      // otherwise they are found through gsi1, which may lag a link made a moment ago: the count
      // must then equal what was found, or the transaction fails and the links are read again.
      let links: DoomedShareLinks | undefined;
      for (let attempt = 1; attempt <= maxRemoveAttempts; attempt += 1) {
        try {
          await transactWrite(client, {
            TransactItems: [
              activeAccountCheck(tableName, userId),
              {
                Delete: {
                  TableName: tableName,
                  Key: keys.image(userId, image.imageId),
                  ...(links
                    ? {
                        ConditionExpression: 'attribute_exists(pk) AND shareLinkCount = :links',
                        ExpressionAttributeValues: { ':links': links.unrevokedCount },
                      }
                    : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(shareLinkCount)' }),
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                },
              },
              {
                // A conversation being deleted takes its images with it: this one is no longer the caller's to delete.
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.conversationById(userId, image.conversationId),
                  ConditionExpression: '#status = :active',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':active': 'ACTIVE' },
                },
              },
              ...(position === undefined ? [] : [unlistAt(image, position, now)]),
              ...(links?.unrevoked ?? []).map((Key) => ({ Delete: { TableName: tableName, Key } })),
            ],
          });
          // Revoked links answer nothing any more; any number of them, so in batches after the commit.
          await batchWriteAll(
            client,
            tableName,
            (links?.revoked ?? []).map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
          );
          return { outcome: 'removed' };
        } catch (error) {
          const [account, imageItem, conversation, generation] = transactionFailures(error) ?? [];
          if (account?.failed) return accountRefusal(account.item);
          if (conversation?.failed) return { outcome: 'missing' };
          if (imageItem?.failed) {
            if (!imageItem.item) return { outcome: 'missing' };
            // The image is there but has (other) links than expected: read them.
            links = await shareLinksOfImage(client, tableName, image);
            continue;
          }
          if (!generation?.failed) throw error;
          position = positionIn(generation.item, image.imageId);
        }
      }
      throw new Error(`image ${image.imageId} kept moving in its generation's list or gaining links; not removed`);
    },
  };
}

function positionIn(generation: Record<string, unknown> | undefined, imageId: string): number | undefined {
  const images = (generation?.images ?? []) as Array<{ imageId?: string }>;
  const position = images.findIndex((listed) => listed.imageId === imageId);
  return position === -1 ? undefined : position;
}
