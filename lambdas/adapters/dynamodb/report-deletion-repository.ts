/**
 * What account deletion does to reports (docs/retention.md, "Reports and the audit log"):
 *  - reports the person filed (their gsi1 group) lose the reporter: the id, the gsi1 keys and
 *    the reporter's own words go; the report stays in the queue, since the content it names is
 *    someone else's and may still need a decision;
 *  - reports about the person's content (found through the markers in their partition) lose the
 *    owner's id and are closed as `owner_deleted` if still open (the content is being erased);
 *    the purge then deletes the markers with the rest of the partition.
 * Every update is unconditional on state and idempotent, so the step can run again after a crash.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportRecords } from '../../domain/account-deletion/ports';
import { resolvedReportRetentionDays } from '../../domain/moderation/audit';
import * as keys from './keys';
import { queryAll } from './query-all';

export function reportDeletionRepository(client: DynamoDBDocumentClient, tableName: string): ReportRecords {
  /** An update of a report that may already be gone (its TTL ran): a missing one is left missing. */
  const updateReport = async (
    reportId: string,
    update: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ) => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.report(reportId),
          ConditionExpression: 'attribute_exists(pk)',
          ...update,
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  };

  return {
    async forgetAccount(userId, now) {
      const filed = keys.reportsFiledBy(userId);
      const reportsFiled = await queryAll(client, {
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :group AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':group': filed.gsi1pk, ':prefix': filed.sortPrefix },
        ProjectionExpression: 'reportId',
      });
      for (const report of reportsFiled) {
        await updateReport(String(report.reportId), { UpdateExpression: 'REMOVE reporterId, details, gsi1pk, gsi1sk' });
      }

      const markers = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':prefix': keys.reportMarkerPrefix },
        ProjectionExpression: 'reportId',
        ConsistentRead: true,
      });
      const ttl = Math.floor(Date.parse(now) / 1000) + resolvedReportRetentionDays * 86_400;
      for (const marker of markers) {
        await updateReport(String(marker.reportId), {
          // if_not_exists keeps a moderator's earlier decision; an open report is closed now.
          UpdateExpression:
            'SET subject.ownerId = :gone, #state = :resolved, resolution = if_not_exists(resolution, :ownerDeleted), ' +
            'resolvedAt = if_not_exists(resolvedAt, :now), #ttl = if_not_exists(#ttl, :ttl) REMOVE queuePk, queueSk',
          ExpressionAttributeNames: { '#state': 'state', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':gone': '',
            ':resolved': 'RESOLVED',
            ':ownerDeleted': 'owner_deleted',
            ':now': now,
            ':ttl': ttl,
          },
        });
      }
    },
  };
}
