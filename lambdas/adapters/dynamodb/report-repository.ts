/**
 * Filing a report (docs/data-model.md, rows 28–30): resolving its target in the owner's
 * partition, then one transaction that puts the report once (its id is derived from reporter
 * and target, so a repeat fails the put's condition and gets the first report back) with its
 * marker in the owner's partition, guarded by the reporter's and the owner's accounts.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportStore, ReportTargetReads } from '../../domain/reports/ports';
import { accountRefusal, activeAccountCheck } from './account-check';
import { transactionFailures } from './condition-failures';
import { getWithAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';
import { transactWrite } from './transactions';

export function reportRepository(client: DynamoDBDocumentClient, tableName: string): ReportStore & ReportTargetReads {
  return {
    async image(userId, imageId) {
      const { account, item } = await getWithAccount(client, tableName, userId, keys.image(userId, imageId));
      return { account, item: item && { imageId: String(item.imageId), generationId: String(item.generationId) } };
    },

    async generation(userId, generationId) {
      const { account, item } = await getWithAccount(
        client,
        tableName,
        userId,
        keys.generationById(userId, generationId),
      );
      const images = (item?.images ?? []) as Array<{ imageId: string }>;
      return { account, item: item && { generationId, imageIds: images.map((image) => image.imageId) } };
    },

    async sharedImage(ownerId, imageId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.image(ownerId, imageId), ConsistentRead: true }),
      );
      if (!Item || Item.takenDownAt) return undefined;
      return { imageId, generationId: String(Item.generationId) };
    },

    async file(report) {
      const { ownerId } = report.subject;
      const guards = [
        ...(report.reporterId
          ? [{ role: 'reporter' as const, check: activeAccountCheck(tableName, report.reporterId) }]
          : []),
        ...(ownerId !== report.reporterId
          ? [{ role: 'owner' as const, check: activeAccountCheck(tableName, ownerId) }]
          : []),
      ];
      try {
        await transactWrite(client, {
          TransactItems: [
            ...guards.map((guard) => guard.check),
            {
              Put: {
                TableName: tableName,
                Item: items.report.to(report),
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Put: { TableName: tableName, Item: items.reportMarker.to(ownerId, report.reportId) } },
          ],
        });
        return { outcome: 'created', report };
      } catch (error) {
        const failures = transactionFailures(error);
        if (!failures) throw error;
        for (const [index, guard] of guards.entries()) {
          if (!failures[index]?.failed) continue;
          if (guard.role === 'reporter') return accountRefusal(failures[index].item);
          return { outcome: 'owner_inactive' };
        }
        const existing = failures[guards.length];
        if (existing?.failed && existing.item) return { outcome: 'exists', report: items.report.from(existing.item) };
        throw error;
      }
    },
  };
}
