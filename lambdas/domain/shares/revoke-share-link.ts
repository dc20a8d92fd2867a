/** DELETE /v1/share-links/{linkId}: the link stops answering at once; revoking twice is success. */
import { NotFoundError } from '../../shared/errors';
import { readableItem, refuseInactive } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import type { ShareLinkRevocationStore } from './ports';

export interface RevokeShareLinkDeps {
  links: ShareLinkRevocationStore;
  now: Clock;
}

/**
 * DELETE /v1/share-links/{linkId}. Primary course:
 *  1. read the link with its owner's account (one request): an inactive account is refused,
 *     another person's link or one that never existed is not found;
 *  2. already revoked: done (idempotent, nothing written);
 *  3. one transaction with the account guard: mark it revoked, delete its token look-up (the
 *     public routes answer 404 from the next request on), the image's `shareLinkCount` - 1.
 */
export async function revokeShareLink(deps: RevokeShareLinkDeps, userId: string, linkId: string): Promise<void> {
  const link = readableItem(await deps.links.get(userId, linkId));
  if (!link) throw new NotFoundError('No such share link.');
  if (link.revokedAt !== undefined) return;
  const outcome = await deps.links.revoke(link, deps.now().toISOString());
  refuseInactive(outcome);
  if (outcome.outcome !== 'revoked') throw new NotFoundError('No such share link.');
}
