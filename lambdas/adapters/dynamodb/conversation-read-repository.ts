/**
 * The conversation reads (docs/data-model.md): list a person's conversations newest first
 * (Query on the partition, `CONV#` prefix, descending: ids are time-ordered); get one with its
 * generations (Query on gsi1, the conversation's group). Both read the account's status beside
 * the Query (SECURITY B4). Apart from the writes (conversation-repository.ts) so the read routes
 * carry no transaction code.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConversationReadStore } from '../../domain/conversations/ports';
import { decodeCursor, encodeCursor } from './cursor';
import { withAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';
import { queryAll } from './query-all';

export function conversationReadRepository(client: DynamoDBDocumentClient, tableName: string): ConversationReadStore {
  return {
    async list(userId, limit, cursor) {
      const partition = { pk: keys.userPartition(userId) };
      const startKey = decodeCursor(cursor, partition, { sk: keys.sortKeyPrefix.conversation });
      const { account, result } = await withAccount(client, tableName, userId, () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            // Read-side only: a conversation mid-deletion is already gone for its owner.
            FilterExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':pk': partition.pk,
              ':prefix': keys.sortKeyPrefix.conversation,
              ':active': 'ACTIVE',
            },
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      const { Items = [], LastEvaluatedKey } = result;
      return { account, items: Items.map(items.conversation.from), nextCursor: encodeCursor(LastEvaluatedKey, ['sk']) };
    },

    async getWithGenerations(userId, conversationId) {
      // gsi1 is eventually consistent: a generation created a moment ago may show a moment later;
      // clients poll GET /v1/generations/{id} (strongly consistent) for progress.
      const group = keys.conversationGroup(userId, conversationId);
      const { account, result: found } = await withAccount(client, tableName, userId, () =>
        queryAll(client, {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :group',
          ExpressionAttributeValues: { ':group': group.gsi1pk },
        }),
      );
      const [head, ...rest] = found;
      if (!head || head.entityType !== items.entityTypes.conversation || head.status !== 'ACTIVE')
        return { account, item: undefined };
      return {
        account,
        item: {
          conversation: items.conversation.from(head),
          generations: rest
            .filter((item) => item.entityType === items.entityTypes.generation)
            .map(items.generation.from),
        },
      };
    },
  };
}
