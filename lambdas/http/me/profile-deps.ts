/**
 * Wires the profile use cases to DynamoDB and the environment: what creating a profile needs
 * (profile-creation-deps.ts) and the policy version, which is all GET /v1/me uses; PATCH and
 * consents add the full profile store. Built on first use and kept for the life of the
 * container, so each cold start reads the config and makes the client once.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { profileRepository } from '../../adapters/dynamodb/profile-repository';
import type { GetMyProfileDeps } from '../../domain/profile/get-my-profile';
import type { RecordMyConsentsDeps } from '../../domain/profile/record-my-consents';
import type { UpdateMyProfileDeps } from '../../domain/profile/update-my-profile';
import { profileConfig, tableConfig } from '../../shared/config';
import { profileCreationDeps } from './profile-creation-deps';

let viewDeps: GetMyProfileDeps | undefined;
let deps: (UpdateMyProfileDeps & RecordMyConsentsDeps) | undefined;

/** GET /v1/me's. */
export function profileViewDeps(): GetMyProfileDeps {
  viewDeps ??= { ...profileCreationDeps(), privacyPolicyVersion: profileConfig().PRIVACY_POLICY_VERSION };
  return viewDeps;
}

/** PATCH /v1/me's and POST /v1/me/consents'. */
export function profileDeps(): UpdateMyProfileDeps & RecordMyConsentsDeps {
  deps ??= { ...profileViewDeps(), store: profileRepository(documentClient, tableConfig().TABLE_NAME) };
  return deps;
}
