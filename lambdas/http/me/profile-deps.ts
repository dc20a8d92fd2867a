/**
 * Wires the profile use cases to DynamoDB and the environment: what creating a profile needs
 * (profile-creation-deps.ts) and the policy version, which is all GET /v1/me uses; PATCH and
 * consents add the full profile store. Built on first use and kept for the life of the
 * container, so each cold start reads the config and makes the client once.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { profileRepository } from '../../adapters/dynamodb/profile-repository';
import type { ProfileDeps, ProfileViewDeps } from '../../domain/profile/use-cases';
import { profileConfig, tableConfig } from '../../shared/config';
import { profileCreationDeps } from './profile-creation-deps';

let viewDeps: ProfileViewDeps | undefined;
let deps: ProfileDeps | undefined;

export function profileViewDeps(): ProfileViewDeps {
  viewDeps ??= { ...profileCreationDeps(), privacyPolicyVersion: profileConfig().PRIVACY_POLICY_VERSION };
  return viewDeps;
}

export function profileDeps(): ProfileDeps {
  deps ??= { ...profileViewDeps(), store: profileRepository(documentClient, tableConfig().TABLE_NAME) };
  return deps;
}
