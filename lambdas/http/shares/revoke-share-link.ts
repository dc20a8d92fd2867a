/** DELETE /v1/share-links/{linkId}: 204, and again 204 for a link already revoked. */
import { revokeShareLink } from '../../domain/shares/revoke-share-link';
import { userRoute } from '../../shared/http/route';
import { now, shareLinkRevocation } from './share-deps';

export const handler = userRoute({ params: { linkId: 'share link' } }, async ({ caller, params }) => {
  await revokeShareLink({ links: shareLinkRevocation(), now }, caller.userId, params.linkId);
  return { status: 204 };
});
