/**
 * The account guard put into write transactions: the profile exists and is ACTIVE. One place,
 * so every guarded write refuses a deleting or disabled account the same way.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountRefusal } from '../../domain/profile/ports';
import type { AccountStatus } from '../../domain/profile/profile';
import { transactionFailures } from './condition-failures';
import * as keys from './keys';
import { transactWrite } from './transactions';

/** The guard as a transaction action; read a refusal from its cancellation reason with `accountRefusal`. */
export function activeAccountCheck(tableName: string, userId: string) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.profile(userId),
      ConditionExpression: 'attribute_exists(pk) AND #status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'ACTIVE' },
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
