/**
 * Data exports in the table (docs/data-model.md, "Data exports"): each export under the user's
 * partition, and the user's latest, which a new request is checked against in the same
 * transaction that writes it. The worker's lease is a conditional update on the export item.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExportJob } from '../../domain/export/data-export';
import type { ExportStore } from '../../domain/export/ports';
import { accountRefusal, activeAccountCheck } from './account-check';
import { failedConditionOf, failedTransactionConditionOf, transactionFailures } from './condition-failures';
import { getWithAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';
import { transactWrite } from './transactions';

export function exportRepository(client: DynamoDBDocumentClient, tableName: string): ExportStore {
  const exportKey = (job: ExportJob) => keys.dataExport(job.userId, job.exportId);

  /** Sets the export's fields and, while it is still this export's, the latest's status: one transaction. */
  async function settle(job: ExportJob, fields: Record<string, unknown>): Promise<void> {
    const names = Object.keys(fields);
    const update = {
      TableName: tableName,
      Key: exportKey(job),
      UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')} REMOVE leaseUntil`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name) => [`:${name}`, fields[name]])),
    };
    const latest = {
      TableName: tableName,
      Key: keys.latestExport(job.userId),
      UpdateExpression: 'SET #status = :status',
      ConditionExpression: 'exportId = :exportId',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': fields.status, ':exportId': job.exportId },
    };
    try {
      await transactWrite(client, { TransactItems: [{ Update: update }, { Update: latest }] });
    } catch (error) {
      // A newer export became the latest (this one had gone stale): settle this one alone.
      if (!failedTransactionConditionOf(error, 1)) throw error;
      await client.send(new UpdateCommand(update));
    }
  }

  return {
    async create(record, { cooldownStart, staleBefore }) {
      const exportItem = items.dataExport.to(record);
      try {
        await transactWrite(client, {
          TransactItems: [
            activeAccountCheck(tableName, record.userId),
            {
              Put: {
                TableName: tableName,
                Item: items.latestExport.to(record),
                ConditionExpression:
                  'attribute_not_exists(pk) OR (#status IN (:ready, :failed) AND requestedAt < :cooldownStart) ' +
                  'OR (NOT #status IN (:ready, :failed) AND requestedAt < :staleBefore)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':ready': 'ready',
                  ':failed': 'failed',
                  ':cooldownStart': cooldownStart,
                  ':staleBefore': staleBefore,
                },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              Put: {
                TableName: tableName,
                // It enters the outbox with its own write: a job not yet on the queue.
                Item: {
                  ...exportItem,
                  ...keys.outboxEntry(keys.dataExport(record.userId, record.exportId), record.requestedAt),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        });
        return 'created';
      } catch (error) {
        const [account, latestSeen] = transactionFailures(error) ?? [];
        if (account?.failed) return accountRefusal(account.item);
        const latest = latestSeen?.failed ? latestSeen.item : undefined;
        if (!latest) throw error;
        const settled = latest.status === 'ready' || latest.status === 'failed';
        return {
          refused: settled ? 'export_cooldown' : 'export_running',
          latest: items.dataExport.from({ ...latest, userId: record.userId }),
        };
      }
    },

    async get(userId, exportId) {
      const { account, item } = await getWithAccount(client, tableName, userId, keys.dataExport(userId, exportId));
      return { account, item: item ? items.dataExport.from(item) : undefined };
    },

    async takeLease(job, now, until) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: exportKey(job),
            UpdateExpression: 'SET leaseUntil = :until, #status = :running',
            ConditionExpression:
              'attribute_exists(pk) AND NOT #status IN (:ready, :failed) AND ' +
              '(attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':until': until,
              ':now': now,
              ':running': 'running',
              ':ready': 'ready',
              ':failed': 'failed',
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'taken';
      } catch (error) {
        const failed = failedConditionOf(error);
        if (!failed) throw error;
        if (!failed.item) return 'absent';
        return failed.item.status === 'ready' || failed.item.status === 'failed' ? 'settled' : 'held';
      }
    },

    async saveProgress(job, progress, leaseUntil) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: exportKey(job),
          UpdateExpression: leaseUntil
            ? 'SET progress = :progress, leaseUntil = :until'
            : 'SET progress = :progress REMOVE leaseUntil',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':progress': progress, ...(leaseUntil ? { ':until': leaseUntil } : {}) },
        }),
      );
    },

    async markReady(job, ready) {
      await settle(job, { status: 'ready', ...ready, ttl: items.dataExport.readyTtl(ready.readyAt) });
    },

    async markFailed(job, failure, now) {
      await settle(job, { status: 'failed', failure, failedAt: now });
    },
  };
}
