/**
 * Share-link writes (docs/data-model.md rows 23–27, docs/sharing.md): create and revoke, each
 * one transaction with the account guard that also moves the image's `shareLinkCount`, so the
 * count and the links never disagree. Creating is its own factory so each bundle carries one.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ShareLinkCreationStore, ShareLinkRevocationStore } from '../../domain/shares/ports';
import { accountRefusal, activeAccountCheck } from './account-check';
import { transactionFailures } from './condition-failures';
import { getWithAccount } from './get-with-account';
import { imageReadRepository } from './image-read-repository';
import * as items from './items';
import * as keys from './keys';
import { transactWrite } from './transactions';

export function shareLinkCreationRepository(client: DynamoDBDocumentClient, tableName: string): ShareLinkCreationStore {
  const images = imageReadRepository(client, tableName);
  return {
    image: (userId, imageId) => images.get(userId, imageId),

    async create(link, maxLinks) {
      try {
        await transactWrite(client, {
          TransactItems: [
            activeAccountCheck(tableName, link.userId),
            {
              ConditionCheck: {
                TableName: tableName,
                Key: keys.conversationById(link.userId, link.conversationId),
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':active': 'ACTIVE' },
              },
            },
            {
              // The limit and the take-down are conditions on the image itself, so no race passes either.
              Update: {
                TableName: tableName,
                Key: keys.image(link.userId, link.imageId),
                UpdateExpression: 'ADD shareLinkCount :one',
                ConditionExpression:
                  'attribute_exists(pk) AND attribute_not_exists(takenDownAt) AND ' +
                  '(attribute_not_exists(shareLinkCount) OR shareLinkCount < :max)',
                ExpressionAttributeValues: { ':one': 1, ':max': maxLinks },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: items.shareLink.to(link),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: items.shareToken.to(link),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        });
        return { outcome: 'created' };
      } catch (error) {
        const [account, conversation, image] = transactionFailures(error) ?? [];
        if (account?.failed) return accountRefusal(account.item);
        if (conversation?.failed) return { outcome: 'missing' };
        if (image?.failed) {
          const found = image.item;
          const atLimit = found && found.takenDownAt === undefined && Number(found.shareLinkCount ?? 0) >= maxLinks;
          return atLimit ? { outcome: 'limit_reached' } : { outcome: 'missing' };
        }
        // A new link id or token that already exists is a bug (or a 2^-256 event): no retry.
        throw error;
      }
    },
  };
}

export function shareLinkRevocationRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): ShareLinkRevocationStore {
  return {
    async get(userId, linkId) {
      const { account, item } = await getWithAccount(client, tableName, userId, keys.shareLinkById(userId, linkId));
      return { account, item: item && items.shareLink.from(item) };
    },

    async revoke(link, now) {
      const countDown = {
        Update: {
          TableName: tableName,
          Key: keys.image(link.userId, link.imageId),
          UpdateExpression: 'ADD shareLinkCount :minusOne',
          // ADD on a missing key would create an item: only an image that is still there counts down.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      };
      // The image goes with its links, so it is missing only in a deletion's window: revoke without it then.
      for (const withImage of [true, false]) {
        try {
          await transactWrite(client, {
            TransactItems: [
              activeAccountCheck(tableName, link.userId),
              {
                Update: {
                  TableName: tableName,
                  Key: keys.shareLinkById(link.userId, link.linkId),
                  UpdateExpression: 'SET revokedAt = :now, #ttl = :ttl',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
                  ExpressionAttributeNames: { '#ttl': 'ttl' },
                  ExpressionAttributeValues: { ':now': now, ':ttl': items.shareLink.revokedTtl(now) },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              { Delete: { TableName: tableName, Key: keys.shareTokenByHash(link.tokenHash) } },
              ...(withImage ? [countDown] : []),
            ],
          });
          return { outcome: 'revoked' };
        } catch (error) {
          const [account, linkItem, , image] = transactionFailures(error) ?? [];
          if (account?.failed) return accountRefusal(account.item);
          // Revoked by a concurrent call: the same outcome, idempotently.
          if (linkItem?.failed) return linkItem.item ? { outcome: 'revoked' } : { outcome: 'missing' };
          if (!withImage || !image?.failed) throw error;
        }
      }
      return { outcome: 'missing' };
    },
  };
}
