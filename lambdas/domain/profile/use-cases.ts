/**
 * The profile use cases. Each takes its dependencies explicitly, so handlers wire the real
 * adapters and tests wire fakes.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../shared/errors';
import type { ConsentRequest } from './consents';
import { assertActive } from './account-status';
import { ensureProfile, type EnsureProfileDeps } from './ensure-profile';
import type { ProfilePatch } from './profile';
import { toProfileView, type ProfileView } from './profile-view';
import type { ProfileStore } from './profile-store';

/** What showing the profile needs: creating it on a first call, and the current policy version. */
export interface ProfileViewDeps extends EnsureProfileDeps {
  privacyPolicyVersion: string;
}

export interface ProfileDeps extends ProfileViewDeps {
  store: ProfileStore;
}

/**
 * GET /v1/me. Primary course: 1. read the profile (one GetItem); 2. refuse an inactive account;
 * 3. answer. First call: 1. no profile; 2. create it with the starter grant in one
 * transaction that only succeeds if no profile exists, so concurrent first calls grant once;
 * 3. if another call won the race, read the winner's profile.
 */
export async function getMyProfile(deps: ProfileViewDeps, userId: string): Promise<ProfileView> {
  const profile = await ensureProfile(deps, userId);
  assertActive(profile);
  return toProfileView(profile, deps.privacyPolicyVersion);
}

/**
 * PATCH /v1/me. Primary course: 1. apply the validated patch to an active profile (one
 * UpdateItem, returning the new item); 2. answer. A person whose first call is a PATCH gets
 * their profile created first, then the patch applied.
 */
export async function updateMyProfile(deps: ProfileDeps, userId: string, patch: ProfilePatch): Promise<ProfileView> {
  let result = await deps.store.updateProfile(userId, patch, deps.now());
  if (result.outcome === 'missing') {
    await ensureProfile(deps, userId);
    result = await deps.store.updateProfile(userId, patch, deps.now());
  }
  if (result.outcome !== 'updated') {
    if (result.outcome === 'inactive') assertActive(result.profile);
    throw new Error('profile vanished between create and update');
  }
  return toProfileView(result.profile, deps.privacyPolicyVersion);
}

/**
 * POST /v1/me/consents. Primary course: 1. check the policy version is the one the apps show
 * now; 2. record the consent on the active profile and keep the event, in one transaction;
 * 3. read the profile back and answer.
 */
export async function recordMyConsents(
  deps: ProfileDeps,
  userId: string,
  request: ConsentRequest,
): Promise<ProfileView> {
  if (request.privacyPolicyVersion !== undefined && request.privacyPolicyVersion !== deps.privacyPolicyVersion) {
    throw new ConflictError(
      'policy_version_outdated',
      `The current privacy policy is version ${deps.privacyPolicyVersion}; show it and ask again.`,
    );
  }
  const event = { eventId: randomUUID(), userId, ...request, recordedAt: deps.now() };
  let result = await deps.store.recordConsent(event);
  if (result.outcome === 'missing') {
    await ensureProfile(deps, userId);
    result = await deps.store.recordConsent(event);
  }
  if (result.outcome === 'inactive') assertActive(result.profile);
  if (result.outcome !== 'recorded') throw new Error('profile vanished between create and consent');
  return getMyProfile(deps, userId);
}
