/**
 * Account deletion on the single table (docs/account-deletion.md): mark the account, find every
 * item the user owns with queries (their partition, then their pointers through gsi1), delete
 * them in batches, write the retained records and the receipt under a keyed hash, and leave a
 * short-lived tombstone where the profile was.
 */
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AccountDeletionStore, DeletionStateStore } from '../../domain/account-deletion/ports';
import { batchWriteAll } from './batch-write';
import { failedConditionOf } from './condition-failures';
import * as items from './items';
import * as keys from './keys';
import { outboxValues, removeOutbox, setOutbox } from './outbox-attributes';

type Item = Record<string, unknown>;

/** Only what deletion needs to see: keys, the kind of item, and a ledger entry's retained facts. */
const ownedItemProjection = {
  ProjectionExpression: items.ownedItemProjection,
  ExpressionAttributeNames: items.ownedItemProjectionNames,
};

/** Where an account's deletion stands (GET /v1/me/deletion): one GetItem, nothing of the workflow. */
export function deletionStateRepository(client: DynamoDBDocumentClient, tableName: string): DeletionStateStore {
  return {
    async deletionState(userId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.profile(userId), ConsistentRead: true }),
      );
      return Item ? items.deletionState.from(Item) : undefined;
    },
  };
}

export function accountDeletionRepository(client: DynamoDBDocumentClient, tableName: string): AccountDeletionStore {
  const put = (requests: Item[]) =>
    batchWriteAll(
      client,
      tableName,
      requests.map((Item) => ({ PutRequest: { Item } })),
    );

  return {
    ...deletionStateRepository(client, tableName),

    async markDeleting(userId, now, outbox) {
      try {
        const { Attributes = {} } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.profile(userId),
            UpdateExpression:
              'SET #status = :deleting, userId = :userId, entityType = if_not_exists(entityType, :profile), ' +
              'deletionRequestedAt = if_not_exists(deletionRequestedAt, :now), updatedAt = :now' +
              (outbox === 'pending' ? `, ${setOutbox}` : ` ${removeOutbox}`),
            // Never from the tombstone: a deleted account stays deleted.
            ConditionExpression: 'attribute_not_exists(pk) OR #status <> :deleted',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ...{
                ':deleting': 'DELETING',
                ':deleted': 'DELETED',
                ':userId': userId,
                ':profile': items.entityTypes.profile,
                ':now': now,
              },
              ...(outbox === 'pending' ? outboxValues(keys.profile(userId), now) : {}),
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'marked', requestedAt: String(Attributes.deletionRequestedAt) };
      } catch (error) {
        const failed = failedConditionOf(error);
        if (!failed?.item) throw error;
        return { outcome: 'deleted', state: items.deletionState.from(failed.item) };
      }
    },

    async ownedItems(userId, limit) {
      const partition = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.userPartition(userId) },
          ConsistentRead: true,
          // One more than asked: the profile is in the partition but not in the answer.
          Limit: limit + 1,
          ...ownedItemProjection,
        }),
      );
      const owned = (partition.Items ?? []).filter((item) => item.sk !== keys.profileSortKey).map(items.ownedItem.from);
      // Without the profile on the page there is one item too many: leave it for the next page
      // (every page starts from the top, since the previous one was deleted), so pages stay
      // whole multiples of 25 and no batch goes out with a single item.
      if (partition.LastEvaluatedKey || owned.length >= limit) return { items: owned.slice(0, limit), more: true };
      const pointers = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :owner',
          ExpressionAttributeValues: { ':owner': keys.ownedPointers(userId).gsi1pk },
          Limit: limit - owned.length,
          ...ownedItemProjection,
        }),
      );
      return {
        items: [...owned, ...(pointers.Items ?? []).map(items.ownedItem.from)],
        more: Boolean(pointers.LastEvaluatedKey),
      };
    },

    async deleteItems(itemKeys) {
      await batchWriteAll(
        client,
        tableName,
        itemKeys.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
      );
    },

    async retainCreditRecords(subjectHash, records, now) {
      await put(records.map((record) => items.retainedCredit.to(subjectHash, record, now)));
    },

    async retainAccountSummary(subjectHash, summary, now) {
      await put([items.retainedAccount.to(subjectHash, summary, now)]);
    },

    async finish(userId, receipt, now) {
      const state = await this.deletionState(userId);
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: items.deletionReceipt.to(receipt, now) } },
            {
              Put: {
                TableName: tableName,
                Item: items.tombstone.to(
                  userId,
                  { requestedAt: state?.requestedAt, completedAt: receipt.finishedAt },
                  now,
                ),
              },
            },
          ],
        }),
      );
    },

    async recordFailure(userId, failure) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.profile(userId),
            UpdateExpression: 'SET lastDeletionFailure = :failure ADD deletionFailures :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':failure': failure, ':one': 1 },
          }),
        );
      } catch (error) {
        // No profile left to note it on; the alarm on this step still fires.
        if (!failedConditionOf(error)) throw error;
      }
    },
  };
}
