/**
 * Every item a person owns, read page by page through the same keys account deletion deletes by
 * (./account-deletion-repository.ts, `ownedItems`): their partition, then the pointer items
 * whose gsi1 group is theirs. So the export cannot miss a kind that deletion would find.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OwnedItemReader } from '../../domain/export/ports';
import * as keys from './keys';

export function ownedItemReader(client: DynamoDBDocumentClient, tableName: string): OwnedItemReader {
  async function* pagesOf(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
      yield page.Items ?? [];
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  return {
    async *pages(userId) {
      yield* pagesOf({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.userPartition(userId) },
        ConsistentRead: true,
      });
      yield* pagesOf({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :owner',
        ExpressionAttributeValues: { ':owner': keys.ownedPointers(userId).gsi1pk },
      });
    },
  };
}
