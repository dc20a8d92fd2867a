/**
 * Wires the profile use cases to DynamoDB and the environment: what creating a profile needs
 * (profile-creation-deps.ts), plus the full profile store and the policy version. Built on first
 * use and kept for the life of the container, so each cold start reads the config and makes the
 * client once.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { profileRepository } from '../../adapters/dynamodb/profile-repository';
import type { ProfileDeps } from '../../domain/profile/use-cases';
import { profileConfig, tableConfig } from '../../shared/config';
import { profileCreationDeps } from './profile-creation-deps';

let deps: ProfileDeps | undefined;

export function profileDeps(): ProfileDeps {
  deps ??= {
    ...profileCreationDeps(),
    store: profileRepository(documentClient, tableConfig().TABLE_NAME),
    privacyPolicyVersion: profileConfig().PRIVACY_POLICY_VERSION,
  };
  return deps;
}
