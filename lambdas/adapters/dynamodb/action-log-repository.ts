/**
 * The action log (docs/data-model.md, patterns 22 and following): recording a save or a share
 * with its daily counter in one transaction; the owner's entries for export; removing an
 * image's entries when the image is deleted; the operator's read of a day's counters. Each is
 * its own factory, so a bundle carries only the one its function runs.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { actionCountsLifetimeDays, epochSecondsAfterDays, utcDay } from '../../domain/images/action-log';
import type { ActionCountsReader, ActionLogCleanup, ActionLogReader, ActionLogStore } from '../../domain/images/ports';
import { accountRefusal, activeAccountCheck } from './account-check';
import { batchWriteAll } from './batch-write';
import { transactionFailures } from './condition-failures';
import * as items from './items';
import * as keys from './keys';
import { queryAll } from './query-all';
import { transactWrite } from './transactions';

/** POST /v1/images/{id}/actions: the image read, then one transaction guarded by the account. */
export function actionLogRepository(client: DynamoDBDocumentClient, tableName: string): ActionLogStore {
  return {
    async find(userId, imageId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.image(userId, imageId), ConsistentRead: true }),
      );
      return Item && items.image.from(Item);
    },

    async record(action, shard) {
      const { userId } = action;
      const day = utcDay(new Date(action.createdAt));
      try {
        await transactWrite(client, {
          TransactItems: [
            activeAccountCheck(tableName, userId),
            {
              // The image is still there, and now knows it has entries to take with it when deleted.
              Update: {
                TableName: tableName,
                Key: keys.image(userId, action.imageId),
                UpdateExpression: 'ADD actionCount :one',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
            {
              // A conversation being deleted takes its entries with it: none may be added behind its back.
              ConditionCheck: {
                TableName: tableName,
                Key: keys.conversationById(userId, action.conversationId),
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':active': 'ACTIVE' },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: items.imageAction.to(action),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              // Inside the transaction, so a counted action is a recorded one; sharded (keys/) so
              // transactions of different people rarely meet on one item.
              Update: {
                TableName: tableName,
                Key: keys.actionCounter(day, action.type, action.modelId, shard),
                UpdateExpression:
                  'SET entityType = :entityType, #day = :day, #type = :type, modelId ' +
                  '= :modelId, #ttl = if_not_exists(#ttl, :ttl) ADD #count :one',
                ExpressionAttributeNames: { '#day': 'day', '#type': 'type', '#ttl': 'ttl', '#count': 'count' },
                ExpressionAttributeValues: {
                  ...prefixed(items.actionCounter.fields(day, action.type, action.modelId)),
                  ':ttl': epochSecondsAfterDays(new Date(`${day}T00:00:00.000Z`), actionCountsLifetimeDays),
                  ':one': 1,
                },
              },
            },
          ],
        });
        return { outcome: 'recorded' };
      } catch (error) {
        const [account, image, conversation] = transactionFailures(error) ?? [];
        if (account?.failed) return accountRefusal(account.item);
        if (image?.failed || conversation?.failed) return { outcome: 'missing' };
        throw error;
      }
    },
  };
}

/** `{ day }` → `{ ':day': … }`, for the counter's SET. */
function prefixed(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value]));
}

/** The owner's entries, for export: one range of the partition, the expired ones filtered out. */
export function actionLogReader(client: DynamoDBDocumentClient, tableName: string): ActionLogReader {
  return {
    async entries(userId, nowEpochSeconds) {
      const range = keys.actionLog(userId);
      const found = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        // TTL may not have run yet: an expired entry is gone for every reader.
        FilterExpression: 'expiresAt > :now',
        ExpressionAttributeValues: { ':pk': range.pk, ':prefix': range.prefix, ':now': nowEpochSeconds },
        ConsistentRead: true,
      });
      return found
        .map(items.storedImageAction.from)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.actionId.localeCompare(b.actionId));
    },
  };
}

/** Deleting an image: its entries, found by key in the partition (strongly consistent), then deleted in batches. */
export function actionLogCleanup(client: DynamoDBDocumentClient, tableName: string): ActionLogCleanup {
  return {
    async removeForImage(userId, imageId) {
      const range = keys.actionsOfImage(userId, imageId);
      const found = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': range.pk, ':prefix': range.prefix },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      });
      await batchWriteAll(
        client,
        tableName,
        found.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
      );
      return found.length;
    },
  };
}

/** The operator's read: one Query per day's partition; the shards are summed here. */
export function actionCountsReader(client: DynamoDBDocumentClient, tableName: string): ActionCountsReader {
  return {
    async day(day) {
      const found = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.actionCountsOfDay(day).pk },
      });
      const totals = new Map<string, ReturnType<typeof items.storedActionCounter.from>>();
      for (const shard of found.map(items.storedActionCounter.from)) {
        const name = `${shard.type}#${shard.modelId}`;
        const total = totals.get(name);
        if (total) total.count += shard.count;
        else totals.set(name, { ...shard });
      }
      return [...totals.values()].sort((a, b) => a.type.localeCompare(b.type) || a.modelId.localeCompare(b.modelId));
    },
  };
}
