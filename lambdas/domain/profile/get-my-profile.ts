/** GET /v1/me: the caller's profile, created with its starter grant on their first call. */
import { assertActive } from './account-status';
import { ensureProfile, type EnsureProfileDeps } from './ensure-profile';
import { toProfileView, type ProfileView } from './profile-view';

/** What showing the profile needs: creating it on a first call, and the current policy version. */
export interface GetMyProfileDeps extends EnsureProfileDeps {
  privacyPolicyVersion: string;
}

/**
 * GET /v1/me. Primary course: 1. read the profile (one GetItem); 2. refuse an inactive account;
 * 3. answer. First call: 1. no profile; 2. create it with the starter grant in one
 * transaction that only succeeds if no profile exists, so concurrent first calls grant once;
 * 3. if another call won the race, read the winner's profile.
 */
export async function getMyProfile(deps: GetMyProfileDeps, userId: string): Promise<ProfileView> {
  const profile = await ensureProfile(deps, userId);
  assertActive(profile);
  return toProfileView(profile, deps.privacyPolicyVersion, deps.now().toISOString());
}
