/**
 * The reconciliation's watch list (keys/billing.ts, `storeWatchEntry`: one Query per page on
 * gsi1, never a Scan) and its resume cursor (one small item; the cursor is the page's last key,
 * opaque to the domain).
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ReconcileCursorStore, StoreWatchList } from '../../domain/billing/reconcile-subscriptions';
import { reconcileCursorType } from './items/entity-types';
import * as keys from './keys';

const encode = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
const decode = (cursor: string | undefined) =>
  cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>) : undefined;

export function storeWatchList(client: DynamoDBDocumentClient, tableName: string): StoreWatchList {
  return {
    async page(since, cursor, limit) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
          ExpressionAttributeValues: { ':pk': keys.storeWatchPk, ':since': since },
          ProjectionExpression: 'userId',
          Limit: limit,
          ExclusiveStartKey: decode(cursor),
        }),
      );
      return { userIds: Items.map((item) => String(item.userId)), next: encode(LastEvaluatedKey) };
    },
  };
}

export function reconcileCursors(client: DynamoDBDocumentClient, tableName: string): ReconcileCursorStore {
  const Key = keys.reconcileCursor();
  return {
    async load() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
      return Item ? { since: String(Item.since), cursor: String(Item.cursor) } : undefined;
    },
    async save(since, cursor) {
      await client.send(
        new PutCommand({ TableName: tableName, Item: { ...Key, entityType: reconcileCursorType, since, cursor } }),
      );
    },
    async clear() {
      await client.send(new DeleteCommand({ TableName: tableName, Key }));
    },
  };
}
