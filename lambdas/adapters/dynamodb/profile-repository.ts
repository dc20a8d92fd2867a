/**
 * Profile access patterns on the single table (docs/data-model.md): get a profile by user id and
 * create it with its starter grant (profile-creation-repository.ts), patch it, record a consent.
 * Invariants live in the database: conditions guard creation (once) and every change (the
 * account guard of account-check.ts: the profile exists and is ACTIVE).
 */
import { TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProfilePatch } from '../../domain/profile/profile';
import type { ProfileStore, ProfileUpdateOutcome } from '../../domain/profile/ports';
import { activeAccountCondition } from './account-check';
import { failedConditionOf, failedTransactionConditionOf } from './condition-failures';
import * as items from './items';
import * as keys from './keys';
import { profileCreationRepository } from './profile-creation-repository';
import { UpdateBuilder } from './update-builder';

export function profileRepository(client: DynamoDBDocumentClient, tableName: string): ProfileStore {
  return {
    ...profileCreationRepository(client, tableName),

    async updateProfile(userId, patch, now): Promise<ProfileUpdateOutcome> {
      const update = profilePatchUpdate(patch, now);
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.profile(userId),
            ...update.build(activeAccountCondition),
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'updated', profile: items.profile.from(Attributes ?? {}) };
      } catch (error) {
        const failed = failedConditionOf(error);
        if (!failed) throw error;
        return failed.item ? { outcome: 'inactive', profile: items.profile.from(failed.item) } : { outcome: 'missing' };
      }
    },

    async recordConsent(event) {
      const update = new UpdateBuilder().set('updatedAt', event.recordedAt);
      if (event.privacyPolicyVersion !== undefined) {
        update.set('privacyPolicy', { version: event.privacyPolicyVersion, acceptedAt: event.recordedAt });
      }
      // The first confirmation is the one that counts; repeating it changes nothing.
      if (event.ageConfirmed) update.setIfNotExists('ageConfirmedAt', event.recordedAt);
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.profile(event.userId),
                  ...update.build(activeAccountCondition),
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: items.consentEvent.to(event),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return { outcome: 'recorded' };
      } catch (error) {
        const failed = failedTransactionConditionOf(error, 0);
        if (!failed) throw error;
        return failed.item ? { outcome: 'inactive', profile: items.profile.from(failed.item) } : { outcome: 'missing' };
      }
    },
  };
}

function profilePatchUpdate(patch: ProfilePatch, now: string): UpdateBuilder {
  const update = new UpdateBuilder().set('updatedAt', now);
  if (patch.displayName === null) update.remove('displayName');
  else if (patch.displayName !== undefined) update.set('displayName', patch.displayName);
  const { notifications, ...topLevel } = patch.settings ?? {};
  for (const [name, value] of Object.entries(topLevel)) update.set(['settings', name], value);
  for (const [name, value] of Object.entries(notifications ?? {}))
    update.set(['settings', 'notifications', name], value);
  return update;
}
