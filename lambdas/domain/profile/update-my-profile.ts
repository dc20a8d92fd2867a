/** PATCH /v1/me: change the display name and settings of an active profile. */
import { assertActive } from './account-status';
import { ensureProfile } from './ensure-profile';
import type { GetMyProfileDeps } from './get-my-profile';
import type { ProfileStore } from './ports';
import type { ProfilePatch } from './profile';
import { toProfileView, type ProfileView } from './profile-view';

export interface UpdateMyProfileDeps extends GetMyProfileDeps {
  store: ProfileStore;
}

/**
 * PATCH /v1/me. Primary course: 1. apply the validated patch to an active profile (one
 * UpdateItem, returning the new item); 2. answer. A person whose first call is a PATCH gets
 * their profile created first, then the patch applied.
 */
export async function updateMyProfile(
  deps: UpdateMyProfileDeps,
  userId: string,
  patch: ProfilePatch,
): Promise<ProfileView> {
  const now = deps.now().toISOString();
  let result = await deps.store.updateProfile(userId, patch, now);
  if (result.outcome === 'missing') {
    await ensureProfile(deps, userId);
    result = await deps.store.updateProfile(userId, patch, now);
  }
  if (result.outcome !== 'updated') {
    if (result.outcome === 'inactive') assertActive(result.profile);
    throw new Error('profile vanished between create and update');
  }
  return toProfileView(result.profile, deps.privacyPolicyVersion, now);
}
