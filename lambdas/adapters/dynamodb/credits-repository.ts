/**
 * The wallet and its ledger in one Query: descending over [LEDGER#, PROFILE] the profile comes
 * first, then the ledger newest first (keys.creditsRange). A later page starts below the
 * profile, so its account status is read by a GetItem sent with the Query (SECURITY B4).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CreditsStore } from '../../domain/credits/ports';
import { decodeCursor, encodeCursor } from './cursor';
import { withAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';

export function creditsRepository(client: DynamoDBDocumentClient, tableName: string): CreditsStore {
  return {
    async page(userId, limit, cursor) {
      const range = keys.creditsRange(userId);
      const startKey = decodeCursor(cursor, { pk: range.pk }, { sk: keys.sortKeyPrefix.ledger });
      const query = () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': range.pk, ':from': range.from, ':to': range.to },
            ScanIndexForward: false,
            // The first page also holds the profile.
            Limit: startKey ? limit : limit + 1,
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
      if (startKey) {
        const { account, result } = await withAccount(client, tableName, userId, query);
        return { account, ...ledgerPage(result) };
      }
      const page = ledgerPage(await query());
      return { ...page, account: page.profile && { status: page.profile.status } };
    },
  };
}

function ledgerPage({
  Items = [],
  LastEvaluatedKey,
}: {
  Items?: Array<Record<string, unknown>>;
  LastEvaluatedKey?: Record<string, unknown>;
}) {
  const profileItem = Items.find((item) => item.entityType === items.entityTypes.profile);
  return {
    profile: profileItem ? items.profile.from(profileItem) : undefined,
    items: Items.filter((item) => item.entityType === items.entityTypes.ledgerEntry).map(items.ledgerEntry.from),
    nextCursor: encodeCursor(LastEvaluatedKey, ['sk']),
  };
}
