/**
 * The profile use cases. Each takes its dependencies explicitly, so handlers wire the real
 * adapters and tests wire fakes.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../shared/errors';
import type { ConsentRequest } from './consents';
import { assertActive, newProfile, toProfileView, type Profile, type ProfilePatch, type ProfileView } from './profile';
import type { AccountRefusal, ProfileStore } from './profile-store';

export interface ProfileDeps {
  store: ProfileStore;
  starterCredits: number;
  privacyPolicyVersion: string;
  now: () => string;
}

/**
 * GET /v1/me. Primary course: 1. read the profile (one GetItem); 2. refuse an inactive account;
 * 3. answer. First call: 1. no profile; 2. create it with the starter grant in one
 * transaction that only succeeds if no profile exists, so concurrent first calls grant once;
 * 3. if another call won the race, read the winner's profile.
 */
export async function getMyProfile(deps: ProfileDeps, userId: string): Promise<ProfileView> {
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
export async function recordMyConsents(deps: ProfileDeps, userId: string, request: ConsentRequest): Promise<ProfileView> {
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

/**
 * The profile, created with its starter grant if this is the person's first call. Other use
 * cases call it when a transaction found no profile to charge or attach to.
 */
export async function ensureProfile(deps: ProfileDeps, userId: string): Promise<Profile> {
  const existing = await deps.store.getProfile(userId);
  if (existing) return existing;
  const { profile, grant } = newProfile(userId, deps.now(), deps.starterCredits);
  if (await deps.store.createProfile(profile, grant)) return profile;
  const winner = await deps.store.getProfile(userId);
  if (!winner) throw new Error('profile creation conflicted but no profile exists');
  return winner;
}

/**
 * Runs a write guarded by the account check (a condition on the profile in the same
 * transaction). A person's first write creates the profile, then runs once more; an inactive
 * account is refused. Other outcomes are the caller's.
 */
export async function asActiveAccount<T extends { outcome: string }>(
  deps: ProfileDeps,
  userId: string,
  write: () => Promise<T | AccountRefusal>,
): Promise<Exclude<T, AccountRefusal>> {
  let result = await write();
  if (result.outcome === 'profile_missing') {
    assertActive(await ensureProfile(deps, userId));
    result = await write();
  }
  if (isRefusal(result)) {
    if (result.outcome === 'inactive') assertActive(result);
    throw new Error('profile still missing after it was created');
  }
  return result as Exclude<T, AccountRefusal>;
}

function isRefusal(result: { outcome: string }): result is AccountRefusal {
  return result.outcome === 'profile_missing' || result.outcome === 'inactive';
}
