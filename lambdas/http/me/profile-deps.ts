/**
 * Wires the profile use cases to DynamoDB and the environment. Built on first use and kept for
 * the life of the container, so each cold start reads the config and makes the client once.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { profileRepository } from '../../adapters/dynamodb/profile-repository';
import type { ProfileDeps } from '../../domain/profile/use-cases';
import { profileConfig, tableConfig } from '../../shared/config';

let deps: ProfileDeps | undefined;

export function profileDeps(): ProfileDeps {
  if (!deps) {
    const { STARTER_CREDITS, PRIVACY_POLICY_VERSION } = profileConfig();
    deps = {
      store: profileRepository(documentClient, tableConfig().TABLE_NAME),
      starterCredits: STARTER_CREDITS,
      privacyPolicyVersion: PRIVACY_POLICY_VERSION,
      now: () => new Date().toISOString(),
    };
  }
  return deps;
}
