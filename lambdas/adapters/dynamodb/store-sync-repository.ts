/**
 * What sync and the reconciliation need from the table beyond the webhook's BillingStore: which
 * derived events already have receipts (one BatchGetItem), and the per-person sync cooldown
 * (one conditional UpdateItem on the profile, which also holds the account guard).
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoreEventReceipts, SyncCooldown } from '../../domain/billing/ports';
import type { AccountStatus } from '../../domain/profile/profile';
import { AccountInactiveError, NotFoundError, RateLimitedError } from '../../shared/errors';
import { failedConditionOf } from './condition-failures';
import { getConsistently } from './get-with-account';
import * as keys from './keys';

export function storeEventReceipts(client: DynamoDBDocumentClient, tableName: string): StoreEventReceipts {
  return {
    async applied(eventIds) {
      const found = await getConsistently(client, tableName, eventIds.map(keys.storeEventReceipt));
      return new Set(found.map((item) => String(item.eventId)));
    },
  };
}

export function syncCooldown(client: DynamoDBDocumentClient, tableName: string): SyncCooldown {
  return {
    async claim(userId, now, cooldownSeconds) {
      const cutoff = new Date(Date.parse(now) - cooldownSeconds * 1000).toISOString();
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.profile(userId),
            UpdateExpression: 'SET storeSyncedAt = :now',
            ConditionExpression:
              '#status = :active AND (attribute_not_exists(storeSyncedAt) OR storeSyncedAt <= :cutoff)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':now': now, ':active': 'ACTIVE', ':cutoff': cutoff },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
      } catch (error) {
        const failed = failedConditionOf(error);
        if (!failed) throw error;
        if (!failed.item) throw new NotFoundError('No account yet: call GET /v1/me first.');
        const status = failed.item.status as AccountStatus;
        if (status !== 'ACTIVE') throw new AccountInactiveError(status);
        const next = Date.parse(String(failed.item.storeSyncedAt)) + cooldownSeconds * 1000;
        const seconds = Math.max(1, Math.ceil((next - Date.parse(now)) / 1000));
        throw new RateLimitedError('sync_cooldown', `Synced moments ago: try again in ${seconds} s.`, seconds);
      }
    },
  };
}
