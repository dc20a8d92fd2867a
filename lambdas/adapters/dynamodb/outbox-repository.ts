/**
 * The outbox's table side (lambdas/domain/outbox/outbox.ts): clearing an item's mark, and the
 * sweeper's read of the sparse `outbox` index, one shard at a time, oldest first.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxStore, PendingWork } from '../../domain/outbox/outbox';
import type { OutboxReader } from '../../domain/outbox/sweep-outbox';
import * as keys from './keys';
import { outboxIndexName } from './table-design';

function itemKeyOf(work: PendingWork): keys.ItemKey {
  switch (work.kind) {
    case 'generation':
      return keys.generationById(work.userId, work.generationId);
    case 'account-deletion':
      return keys.profile(work.userId);
    case 'conversation-deletion':
      return keys.conversationById(work.userId, work.conversationId);
  }
}

export function outboxRepository(client: DynamoDBDocumentClient, tableName: string): OutboxStore {
  return {
    async clear(work) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: itemKeyOf(work),
            UpdateExpression: 'REMOVE outboxPk, outboxSk',
            // An update never creates: an item deleted since (a conversation, an account) stays gone.
            ConditionExpression: 'attribute_exists(pk)',
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}

export function outboxReader(client: DynamoDBDocumentClient, tableName: string): OutboxReader & OutboxStore {
  return {
    ...outboxRepository(client, tableName),
    shards: keys.outboxShardCount,

    async pendingBefore(shard, before, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: outboxIndexName,
          KeyConditionExpression: 'outboxPk = :shard AND outboxSk < :before',
          ExpressionAttributeValues: { ':shard': keys.outboxShard(shard).outboxPk, ':before': before },
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: cursor as Record<string, unknown> } : {}),
        }),
      );
      const work = (page.Items ?? []).map((item) => keys.pendingWorkOf(item)).filter((w): w is PendingWork => w !== undefined);
      return { work, cursor: page.LastEvaluatedKey };
    },
  };
}
