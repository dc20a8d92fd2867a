/** GET /v1/me: the caller's profile, created with the starter grant on the first call. */
import { getMyProfile } from '../../domain/profile/get-my-profile';
import { userRoute } from '../../shared/http/route';
import { profileViewDeps } from './profile-deps';

export const handler = userRoute({}, async ({ caller }) => ({
  body: await getMyProfile(profileViewDeps(), caller.userId),
}));
