/**
 * The account guard: the profile exists and is ACTIVE. One place, so every guarded write (a
 * transaction's ConditionCheck, or the condition of a write to the profile itself) refuses a
 * deleting or disabled account the same way, and reads the refusal the same way.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountRefusal } from '../../domain/profile/ports';
import type { AccountStatus } from '../../domain/profile/profile';
import { transactionFailures } from './condition-failures';
import * as keys from './keys';
import { transactWrite } from './transactions';
import type { Condition } from './update-builder';

/** The condition on the profile item itself; a write to the profile ANDs its own conditions onto it. */
export const activeAccountCondition = {
  expression: 'attribute_exists(pk) AND #status = :active',
  names: { '#status': 'status' },
  values: { ':active': 'ACTIVE' satisfies AccountStatus },
} as const satisfies Condition;

/** The guard as a transaction action; read a refusal from its cancellation reason with `accountRefusal`. */
export function activeAccountCheck(tableName: string, userId: string) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.profile(userId),
      ConditionExpression: activeAccountCondition.expression,
      ExpressionAttributeNames: { ...activeAccountCondition.names },
      ExpressionAttributeValues: { ...activeAccountCondition.values },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}

/** Reads the refusal from the guard's cancellation reason (the profile it saw, if any). */
export function accountRefusal(profile: Record<string, unknown> | undefined): AccountRefusal {
  return profile ? { outcome: 'inactive', status: profile.status as AccountStatus } : { outcome: 'profile_missing' };
}

/** Puts a new item (never overwriting) for an active account, in one transaction with the guard. */
export async function putForActiveAccount(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
  item: Record<string, unknown>,
): Promise<{ outcome: 'created' } | AccountRefusal> {
  try {
    await transactWrite(client, {
      TransactItems: [
        activeAccountCheck(tableName, userId),
        { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    });
    return { outcome: 'created' };
  } catch (error) {
    const account = transactionFailures(error)?.[0];
    if (account?.failed) return accountRefusal(account.item);
    throw error;
  }
}
