/** PATCH /v1/me: change the display name and app settings; nothing server-owned. */
import { profilePatchSchema } from '../../domain/profile/requests';
import { updateMyProfile } from '../../domain/profile/update-my-profile';
import { userRoute } from '../../shared/http/route';
import { profileDeps } from './profile-deps';

export const handler = userRoute({ body: profilePatchSchema }, async ({ caller, body }) => ({
  body: await updateMyProfile(profileDeps(), caller.userId, body),
}));
