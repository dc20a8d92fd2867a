/** POST /v1/images/{imageId}/share-links: a new share link for one of the caller's images. */
import { ConflictError, NotFoundError } from '../../shared/errors';
import { readableItem, refuseInactive } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import type { ShareLinkCreationStore } from './ports';
import { maxShareLinksPerImage, type ShareLink } from './share-link';
import { hashShareToken } from './share-token';
import { type CreatedShareLinkView, sharePageUrl } from './share-link-view';

export interface CreateShareLinkDeps {
  links: ShareLinkCreationStore;
  now: Clock;
  /** Time-ordered, so the caller's list sorts newest first. */
  newLinkId: () => string;
  /** A fresh token of at least 128 random bits (./share-token.ts, `newShareToken`). */
  newToken: () => string;
}

export interface CreateShareLinkInput {
  imageId: string;
  expiresInSeconds?: number;
  /** The API's public address (`https://host`), for the link's URL. */
  baseUrl: string;
}

/**
 * POST /v1/images/{imageId}/share-links. Primary course:
 *  1. read the image with its owner's account (one request): an inactive account is refused,
 *     another person's or a deleted image is not found;
 *  2. draw a token and keep only its hash;
 *  3. one transaction (the account guard, the conversation ACTIVE, the image there, not taken
 *     down and under `maxShareLinksPerImage` unrevoked links): the link, its token look-up, and
 *     the image's `shareLinkCount` + 1;
 *  4. answer the token and the URL: the only time either is shown.
 * Refusals: 409 `share_link_limit` at the limit; 404 when the image went away (or was taken
 * down) between 1 and 3.
 */
export async function createShareLink(
  deps: CreateShareLinkDeps,
  userId: string,
  input: CreateShareLinkInput,
): Promise<CreatedShareLinkView> {
  const image = readableItem(await deps.links.image(userId, input.imageId));
  if (!image) throw new NotFoundError('No such image.');
  const now = deps.now();
  const token = deps.newToken();
  const link: ShareLink = {
    linkId: deps.newLinkId(),
    userId,
    imageId: image.imageId,
    conversationId: image.conversationId,
    tokenHash: hashShareToken(token),
    createdAt: now.toISOString(),
  };
  if (input.expiresInSeconds !== undefined) {
    link.expiresAt = new Date(now.getTime() + input.expiresInSeconds * 1000).toISOString();
  }
  const outcome = await deps.links.create(link, maxShareLinksPerImage);
  refuseInactive(outcome);
  if (outcome.outcome === 'limit_reached') {
    throw new ConflictError(
      'share_link_limit',
      `An image can have at most ${maxShareLinksPerImage} share links; revoke one first.`,
    );
  }
  if (outcome.outcome !== 'created') throw new NotFoundError('No such image.');
  const view: CreatedShareLinkView = {
    linkId: link.linkId,
    token,
    url: sharePageUrl(input.baseUrl, token),
    createdAt: link.createdAt,
  };
  if (link.expiresAt !== undefined) view.expiresAt = link.expiresAt;
  return view;
}
