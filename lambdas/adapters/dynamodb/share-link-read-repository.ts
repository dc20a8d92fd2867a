/**
 * Listing a person's share links: one Query of their partition's `SHARE#` range, newest first
 * (link ids are time-ordered), beside the account check (SECURITY B4). Apart from the writes so
 * the list route carries no transaction code.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ShareLinkReadStore } from '../../domain/shares/ports';
import { decodeCursor, encodeCursor } from './cursor';
import { withAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';

export function shareLinkReadRepository(client: DynamoDBDocumentClient, tableName: string): ShareLinkReadStore {
  return {
    async list(userId, limit, cursor) {
      const partition = { pk: keys.userPartition(userId) };
      const startKey = decodeCursor(cursor, partition, { sk: keys.shareLinkSortKeyPrefix });
      const { account, result } = await withAccount(client, tableName, userId, () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': partition.pk, ':prefix': keys.shareLinkSortKeyPrefix },
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      const { Items = [], LastEvaluatedKey } = result;
      return { account, items: Items.map(items.shareLink.from), nextCursor: encodeCursor(LastEvaluatedKey, ['sk']) };
    },
  };
}
