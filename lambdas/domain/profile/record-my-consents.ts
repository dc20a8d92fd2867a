/** POST /v1/me/consents: a privacy-policy acceptance and/or the age confirmation, kept as evidence. */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../shared/errors';
import { assertActive } from './account-status';
import type { ConsentEvent, ConsentRequest } from './consents';
import { ensureProfile } from './ensure-profile';
import { getMyProfile, type GetMyProfileDeps } from './get-my-profile';
import type { ProfileStore } from './ports';
import type { ProfileView } from './profile-view';

export interface RecordMyConsentsDeps extends GetMyProfileDeps {
  store: ProfileStore;
}

/**
 * POST /v1/me/consents. Primary course: 1. check the policy version is the one the apps show
 * now; 2. record the consent on the active profile and keep the event, in one transaction;
 * 3. read the profile back and answer. A first call creates the profile, then records.
 */
export async function recordMyConsents(
  deps: RecordMyConsentsDeps,
  userId: string,
  request: ConsentRequest,
): Promise<ProfileView> {
  if (request.privacyPolicyVersion !== undefined && request.privacyPolicyVersion !== deps.privacyPolicyVersion) {
    throw new ConflictError(
      'policy_version_outdated',
      `The current privacy policy is version ${deps.privacyPolicyVersion}; show it and ask again.`,
    );
  }
  const event: ConsentEvent = { eventId: randomUUID(), userId, ...request, recordedAt: deps.now().toISOString() };
  let result = await deps.store.recordConsent(event);
  if (result.outcome === 'missing') {
    await ensureProfile(deps, userId);
    result = await deps.store.recordConsent(event);
  }
  if (result.outcome === 'inactive') assertActive(result.profile);
  if (result.outcome !== 'recorded') throw new Error('profile vanished between create and consent');
  return getMyProfile(deps, userId);
}
