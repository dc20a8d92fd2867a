/**
 * The store events' access patterns (docs/data-model.md rows 40-): one BatchGetItem for what an
 * event needs to know, one transaction for what it does. The receipt is the dedupe marker and is
 * written in that transaction, never before it, so a failed effect leaves no marker and
 * RevenueCat's retry applies it (CONTRACTS-2 §1.6). Every write is conditioned on the state read,
 * and a refusal returns the fresh state (ALL_OLD) for one more decision without another read.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountChange, BillingAccount, BillingStore } from '../../domain/billing/ports';
import type { SubscriptionState } from '../../domain/billing/subscription';
import type { AccountStatus } from '../../domain/profile/profile';
import { transactionFailures } from './condition-failures';
import { getConsistently } from './get-with-account';
import * as items from './items';
import * as keys from './keys';
import type { ItemKey } from './keys';
import { transactWrite } from './transactions';
import { walletFromItem } from './wallet-updates';

type Item = Record<string, unknown>;

export function billingRepository(client: DynamoDBDocumentClient, tableName: string): BillingStore {
  return {
    async load(eventId, userIds, grantIds) {
      const receiptKey = keys.storeEventReceipt(eventId);
      const wanted: ItemKey[] = [receiptKey, ...userIds.map(keys.profile), ...grantIds.map(keys.storeGrant)];
      const found = await getConsistently(client, tableName, wanted);
      return {
        duplicate: found.some((item) => item.pk === receiptKey.pk),
        accounts: found.filter((item) => item.entityType === items.entityTypes.profile).map(accountFromItem),
        grants: found.filter((item) => item.entityType === items.entityTypes.storeGrant).map(items.storeGrant.from),
      };
    },

    async commit({ receipt, accounts, grants }) {
      const now = receipt.receivedAt;
      const transactItems = [
        {
          Put: {
            TableName: tableName,
            Item: items.storeEventReceipt.to(receipt),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...accounts.map((change) => ({ Update: accountUpdate(tableName, change, now) })),
        ...grants.map(({ grant, seen }) => ({
          Put: {
            TableName: tableName,
            Item: items.storeGrant.to(grant),
            ConditionExpression: seen ? '#state = :seen' : 'attribute_not_exists(pk)',
            ...(seen ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
            ...(seen ? { ExpressionAttributeValues: { ':seen': seen.state } } : {}),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        })),
        ...accounts.flatMap((change) =>
          change.ledger.map((entry) => ({
            Put: {
              TableName: tableName,
              Item: items.ledgerEntry.to(entry),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        ),
      ];
      try {
        await transactWrite(client, { TransactItems: transactItems });
        return { outcome: 'committed' };
      } catch (error) {
        const reasons = transactionFailures(error);
        if (!reasons) throw error;
        if (reasons[0]?.failed) return { outcome: 'duplicate' };
        const seenItems = reasons.filter((reason) => reason.failed && reason.item).map((reason) => reason.item as Item);
        return {
          outcome: 'stale',
          accounts: seenItems.filter((item) => item.entityType === items.entityTypes.profile).map(accountFromItem),
          grants: seenItems
            .filter((item) => item.entityType === items.entityTypes.storeGrant)
            .map(items.storeGrant.from),
        };
      }
    },
  };
}

function accountFromItem(item: Item): BillingAccount {
  return {
    userId: String(item.userId),
    status: item.status as AccountStatus,
    wallet: walletFromItem(item),
    subscription: item.subscription as SubscriptionState | undefined,
  };
}

/** One person's change, conditioned on the account being ACTIVE and on exactly what the decision read. */
function accountUpdate(tableName: string, change: AccountChange, now: string) {
  const { seen } = change;
  const sets = ['updatedAt = :now'];
  const removes: string[] = [];
  const conditions = ['#status = :active'];
  const values: Item = { ':now': now, ':active': 'ACTIVE' };
  if (change.subscription) {
    sets.push('subscription = :subscription', 'gsi1pk = :watchPk', 'gsi1sk = :watchSk');
    values[':subscription'] = change.subscription;
    // On the reconciliation's watch list, by when access ends (or ended): keys/billing.ts.
    const watch = keys.storeWatchEntry(
      seen.userId,
      change.subscription.accessUntil ?? new Date(change.subscription.eventAt).toISOString(),
    );
    values[':watchPk'] = watch.gsi1pk;
    values[':watchSk'] = watch.gsi1sk;
    // The watermark: nothing newer was applied since the read.
    if (seen.subscription) {
      conditions.push('subscription.eventAt = :seenEventAt');
      values[':seenEventAt'] = seen.subscription.eventAt;
    } else conditions.push('attribute_not_exists(subscription)');
  }
  if (change.purchasedDelta !== 0) {
    sets.push('credits = credits + :delta');
    values[':delta'] = change.purchasedDelta;
  }
  // A clawback or a new allowance was computed from the wallet read: hold it to exactly that.
  if (change.allowance || change.purchasedDelta < 0) {
    conditions.push('credits = :seenCredits');
    values[':seenCredits'] = seen.wallet.purchased;
    if (seen.wallet.allowance === undefined) conditions.push('attribute_not_exists(allowance)');
    else {
      conditions.push('allowance = :seenAllowance');
      values[':seenAllowance'] = seen.wallet.allowance;
    }
  }
  if (change.allowance) {
    sets.push('allowance = :allowance');
    values[':allowance'] = change.allowance.amount;
    for (const [attribute, value] of [
      ['allowanceExpiresAt', change.allowance.expiresAt],
      ['allowanceGrantId', change.allowance.grantId],
    ] as const) {
      if (value === undefined) removes.push(attribute);
      else {
        sets.push(`${attribute} = :${attribute}`);
        values[`:${attribute}`] = value;
      }
    }
  }
  return {
    TableName: tableName,
    Key: keys.profile(seen.userId),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}
