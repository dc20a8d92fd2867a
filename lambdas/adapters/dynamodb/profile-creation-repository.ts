/**
 * The profile reads and writes a person's first call needs (ensure-profile.ts): get a profile by
 * user id, create it with its starter grant (once: the condition lives in the database). Apart
 * from the PATCH and consent writes so the routes that only create a profile carry neither.
 */
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProfileCreationStore } from '../../domain/profile/ports';
import { failedTransactionConditionOf } from './condition-failures';
import * as items from './items';
import * as keys from './keys';

export function profileCreationRepository(client: DynamoDBDocumentClient, tableName: string): ProfileCreationStore {
  return {
    async getProfile(userId) {
      // Strongly consistent: a person reads their own writes right after PATCH.
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.profile(userId), ConsistentRead: true }),
      );
      return Item ? items.profile.from(Item) : undefined;
    },

    async createProfile(profile, grant) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: items.profile.to(profile),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: items.ledgerEntry.to(grant),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (failedTransactionConditionOf(error, 0)) return false;
        throw error;
      }
    },
  };
}
