/**
 * The wallet's conditional updates on the profile item, one per way a debit can be drawn
 * (lambdas/domain/credits/wallet.ts). DynamoDB's conditions have no arithmetic, so "the allowance
 * first" cannot be one expression: a debit tries purchased credits under the condition that no
 * allowance is live (every account without an allowance pays in one transaction, as before), and
 * when that condition fails the profile it returns says how to draw instead. Each form holds the
 * account guard and can never overspend, whatever runs at the same time.
 */
import type { DebitSplit, Wallet } from '../../domain/credits/wallet';
import { activeAccountCondition } from './account-check';
import * as keys from './keys';

/** The Update action of one debit drawn as `split`, at `now` (ISO). */
export function debitUpdate(tableName: string, userId: string, split: DebitSplit, now: string) {
  const base = {
    TableName: tableName,
    Key: keys.profile(userId),
    ExpressionAttributeNames: { ...activeAccountCondition.names },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
  const guard = activeAccountCondition.expression;
  if (split.fromAllowance === 0) {
    return {
      ...base,
      UpdateExpression: 'SET credits = credits - :cost, updatedAt = :now',
      ConditionExpression:
        `${guard} AND credits >= :cost AND (attribute_not_exists(allowance) ` +
        `OR allowance = :zero OR allowanceExpiresAt <= :now)`,
      ExpressionAttributeValues: {
        ...activeAccountCondition.values,
        ':cost': split.fromPurchased,
        ':now': now,
        ':zero': 0,
      },
    };
  }
  if (split.fromPurchased === 0) {
    return {
      ...base,
      UpdateExpression: 'SET allowance = allowance - :cost, updatedAt = :now',
      ConditionExpression: `${guard} AND allowance >= :cost AND allowanceExpiresAt > :now`,
      ExpressionAttributeValues: { ...activeAccountCondition.values, ':cost': split.fromAllowance, ':now': now },
    };
  }
  // The boundary: all that is left of the allowance, the rest from purchased credits. Conditioned on
  // exactly the allowance seen, so the allowance is emptied, never skipped.
  return {
    ...base,
    UpdateExpression: 'SET allowance = :zero, credits = credits - :rest, updatedAt = :now',
    ConditionExpression: `${guard} AND allowance = :seen AND allowanceExpiresAt > :now AND credits >= :rest`,
    ExpressionAttributeValues: {
      ...activeAccountCondition.values,
      ':zero': 0,
      ':seen': split.fromAllowance,
      ':rest': split.fromPurchased,
      ':now': now,
    },
  };
}

/** The wallet as a failed condition's profile item shows it. */
export function walletFromItem(item: Record<string, unknown>): Wallet {
  return {
    purchased: Number(item.credits ?? 0),
    allowance: item.allowance === undefined ? undefined : Number(item.allowance),
    allowanceExpiresAt: item.allowanceExpiresAt as string | undefined,
    allowanceGrantId: item.allowanceGrantId as string | undefined,
  };
}

/**
 * The Update action that gives a refunded generation's credits back to the kinds they came from.
 * The allowance part goes back only to the same allowance while it is live (`toAllowance`); an
 * allowance that has ended meanwhile would expire the credits at once, so then only the
 * purchased part comes back (`toAllowance: false`), and the ledger says so.
 */
export function refundUpdate(
  tableName: string,
  userId: string,
  refund: { fromPurchased: number; fromAllowance: number; allowanceExpiresAt?: string; now: string },
  toAllowance: boolean,
) {
  const values: Record<string, unknown> = {
    ':amount': refund.fromPurchased,
    ':now': refund.now,
    ':deleted': 'DELETED',
  };
  let update = 'SET credits = credits + :amount, updatedAt = :now';
  // Never onto a deleted account's tombstone: the refund would outlive the purge.
  let condition = 'attribute_exists(pk) AND #status <> :deleted';
  if (toAllowance) {
    update += ', allowance = allowance + :allowance';
    condition += ' AND allowanceExpiresAt = :expiresAt AND allowanceExpiresAt > :now';
    Object.assign(values, { ':allowance': refund.fromAllowance, ':expiresAt': refund.allowanceExpiresAt });
  }
  return {
    TableName: tableName,
    Key: keys.profile(userId),
    UpdateExpression: update,
    ConditionExpression: condition,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
  };
}
