/**
 * The outbox's table side (lambdas/domain/outbox/outbox.ts): moving an item on or out of it, and
 * the sweeper's read of the sparse `outbox` index, one shard and phase at a time, oldest first.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { OutboxStore } from '../../domain/outbox/ports';
import type { PendingWork } from '../../domain/outbox/outbox';
import type { OutboxReader } from '../../domain/outbox/ports';
import * as keys from './keys';
import { outboxValues, removeOutbox, setOutbox } from './outbox-attributes';
import { outboxIndexName } from './table-design';

export function outboxRepository(client: DynamoDBDocumentClient, tableName: string): OutboxStore {
  /** An update that never creates (an item deleted since stays gone) and skips an item its condition rules out. */
  const updateIfThere = async (
    work: PendingWork,
    update: Pick<UpdateCommandInput, 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeValues'>,
  ) => {
    try {
      await client.send(new UpdateCommand({ TableName: tableName, Key: keys.pendingWorkKey(work), ...update }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };
  const clear = (work: PendingWork) =>
    updateIfThere(work, { UpdateExpression: removeOutbox, ConditionExpression: 'attribute_exists(pk)' });
  return {
    clear,
    async handedOver(work, at) {
      if (work.kind !== 'generation') return clear(work);
      // Watched from now until it settles. Only while still in the outbox: a generation the worker
      // has already settled left it, and must not come back.
      await updateIfThere(work, {
        UpdateExpression: `SET ${setOutbox}`,
        ConditionExpression: 'attribute_exists(outboxPk)',
        ExpressionAttributeValues: outboxValues(keys.pendingWorkKey(work), at, 'WATCH'),
      });
    },
  };
}

export function outboxReader(client: DynamoDBDocumentClient, tableName: string): OutboxReader & OutboxStore {
  return {
    ...outboxRepository(client, tableName),
    shards: keys.outboxShardCount,

    async pendingBefore(shard, phase, before, limit, cursor) {
      const range = keys.outboxRange(shard, phase, before);
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: outboxIndexName,
          KeyConditionExpression: 'outboxPk = :shard AND outboxSk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':shard': range.outboxPk, ':from': range.from, ':to': range.to },
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: cursor as Record<string, unknown> } : {}),
        }),
      );
      const work = (page.Items ?? [])
        .map((item) => keys.pendingWorkOf(item))
        .filter((w): w is PendingWork => w !== undefined);
      return { work, cursor: page.LastEvaluatedKey };
    },
  };
}
