/**
 * Favorites (docs/data-model.md, patterns 20 and 21): a favorite is the image item carrying
 * `favoritedAt` and the keys of the sparse `favorites` index, so it goes wherever the image
 * goes (image, conversation and account deletion need nothing more). Each change is one
 * transaction with the account guard; a change already made fails its condition and returns the
 * image (ALL_OLD), so a repeat is one request; a change made is read back (a transaction
 * returns no item): two requests, P5's budget for a write.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FavoriteOutcome, FavoriteStore } from '../../domain/images/ports';
import { accountRefusal, activeAccountCheck } from './account-check';
import { transactionFailures } from './condition-failures';
import * as items from './items';
import * as keys from './keys';
import { transactWrite } from './transactions';

interface ImageChange {
  UpdateExpression: string;
  /** Holds when the change is still to make; its failure on an existing image means "already so". */
  stillToDo: string;
  ExpressionAttributeValues?: Record<string, unknown>;
}

export function favoriteRepository(client: DynamoDBDocumentClient, tableName: string): FavoriteStore {
  const change = async (userId: string, imageId: string, update: ImageChange): Promise<FavoriteOutcome> => {
    const key = keys.image(userId, imageId);
    try {
      await transactWrite(client, {
        TransactItems: [
          activeAccountCheck(tableName, userId),
          {
            Update: {
              TableName: tableName,
              Key: key,
              UpdateExpression: update.UpdateExpression,
              ConditionExpression: `attribute_exists(pk) AND ${update.stillToDo}`,
              ExpressionAttributeValues: update.ExpressionAttributeValues,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      });
    } catch (error) {
      const [account, image] = transactionFailures(error) ?? [];
      if (account?.failed) return accountRefusal(account.item);
      if (!image?.failed) throw error;
      return image.item ? { outcome: 'done', image: items.image.from(image.item) } : { outcome: 'missing' };
    }
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item ? { outcome: 'done', image: items.image.from(Item) } : { outcome: 'missing' };
  };

  return {
    favorite: (userId, imageId, now) => {
      const entry = keys.favoriteEntry(userId, now, imageId);
      return change(userId, imageId, {
        UpdateExpression: 'SET favoritedAt = :now, favoritesPk = :favoritesPk, favoritesSk = :favoritesSk',
        // A favorite keeps its first time, so a repeated PUT never reorders the favorites.
        stillToDo: 'attribute_not_exists(favoritedAt)',
        ExpressionAttributeValues: {
          ':now': now,
          ':favoritesPk': entry.favoritesPk,
          ':favoritesSk': entry.favoritesSk,
        },
      });
    },
    unfavorite: (userId, imageId) =>
      change(userId, imageId, {
        UpdateExpression: 'REMOVE favoritedAt, favoritesPk, favoritesSk',
        stillToDo: 'attribute_exists(favoritedAt)',
      }),
  };
}
