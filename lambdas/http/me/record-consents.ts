/** POST /v1/me/consents: accept the current privacy policy and/or confirm being 13 or older. */
import { consentRequestSchema } from '../../domain/profile/consents';
import { recordMyConsents } from '../../domain/profile/record-my-consents';
import { userRoute } from '../../shared/http/route';
import { profileDeps } from './profile-deps';

export const handler = userRoute({ body: consentRequestSchema }, async ({ caller, body }) => ({
  body: await recordMyConsents(profileDeps(), caller.userId, body),
}));
