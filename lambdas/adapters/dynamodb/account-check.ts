/**
 * The account guard put into write transactions: the profile exists and is ACTIVE. One place,
 * so every guarded write refuses a deleting or disabled account the same way.
 */
import type { AccountRefusal } from '../../domain/profile/profile-store';
import type { AccountStatus } from '../../domain/profile/profile';
import { keys } from './keys';

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
