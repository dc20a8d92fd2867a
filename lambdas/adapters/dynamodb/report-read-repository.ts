/**
 * GET /v1/reports (docs/data-model.md, row 31): the reporter's reports, newest first, one Query
 * on their gsi1 group with the account's status read beside it (SECURITY B4).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportReadStore } from '../../domain/reports/ports';
import { decodeCursor, encodeCursor } from './cursor';
import { withAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';

export function reportReadRepository(client: DynamoDBDocumentClient, tableName: string): ReportReadStore {
  return {
    async listByReporter(userId, limit, cursor) {
      const group = keys.reportsFiledBy(userId);
      const startKey = decodeCursor(
        cursor,
        { gsi1pk: group.gsi1pk },
        { gsi1sk: group.sortPrefix, pk: 'REPORT#', sk: 'REPORT' },
      );
      const { account, result } = await withAccount(client, tableName, userId, () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :group AND begins_with(gsi1sk, :prefix)',
            ExpressionAttributeValues: { ':group': group.gsi1pk, ':prefix': group.sortPrefix },
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      const { Items = [], LastEvaluatedKey } = result;
      return {
        account,
        items: Items.map(items.report.from),
        nextCursor: encodeCursor(LastEvaluatedKey, ['gsi1sk', 'pk', 'sk']),
      };
    },
  };
}
