/**
 * What creating a person's profile on their first call needs (ensure-profile.ts), wired to
 * DynamoDB and the environment once per container. The routes whose first call may create the
 * profile (credits, and the first conversation, upload or generation) take this; the profile
 * routes take profile-deps.ts, which adds the PATCH and consent writes.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { profileCreationRepository } from '../../adapters/dynamodb/profile-creation-repository';
import type { EnsureProfileDeps } from '../../domain/profile/ensure-profile';
import { systemClock } from '../../domain/shared/clock';
import { profileConfig, tableConfig } from '../../shared/config';

let deps: EnsureProfileDeps | undefined;

export function profileCreationDeps(): EnsureProfileDeps {
  deps ??= {
    store: profileCreationRepository(documentClient, tableConfig().TABLE_NAME),
    starterCredits: profileConfig().STARTER_CREDITS,
    now: systemClock,
  };
  return deps;
}
