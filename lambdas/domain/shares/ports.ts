/**
 * The share area's ports: what creating, listing, revoking and opening share links need from
 * storage (the DynamoDB adapters). Unit tests use in-memory ones. Types only.
 */
import type { ImageRecord } from '../images/image';
import type { AccountSeen, OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/ports';
import type { ShareLink, ShareTarget } from './share-link';

export type CreateShareLinkOutcome =
  | { outcome: 'created' }
  /** The image already has `maxShareLinksPerImage` unrevoked links. */
  | { outcome: 'limit_reached' }
  /** The image (or its conversation) is gone, being deleted, or taken down. */
  | { outcome: 'missing' }
  | AccountRefusal;

export type RevokeShareLinkOutcome = { outcome: 'revoked' } | { outcome: 'missing' } | AccountRefusal;

/** Creating a link: the image it shares is read first, with its owner's account. */
export interface ShareLinkCreationStore {
  /** The image with its owner's account status, in one request (SECURITY B4). */
  image(userId: string, imageId: string): Promise<OwnedRead<ImageRecord>>;
  /**
   * One transaction: the account is ACTIVE, the conversation is ACTIVE, the image exists, is not
   * taken down and has fewer than `maxLinks` unrevoked links; the link and its token look-up are
   * written and the image's `shareLinkCount` goes up by one. Nothing is written unless all is.
   */
  create(link: ShareLink, maxLinks: number): Promise<CreateShareLinkOutcome>;
}

/** What GET /v1/share-links reads: one Query of the caller's links, newest first, beside the account check. */
export interface ShareLinkReadStore {
  list(
    userId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<{ account: AccountSeen; items: ShareLink[]; nextCursor?: string }>;
}

export interface ShareLinkRevocationStore {
  /** The link with its owner's account status, in one request. */
  get(userId: string, linkId: string): Promise<OwnedRead<ShareLink>>;
  /**
   * One transaction: the account is ACTIVE, the link is marked revoked (kept `revokedShareLinkDays`
   * for the list), its token look-up is deleted and the image's `shareLinkCount` goes down by one.
   * `missing` when the link is gone; an already revoked link is `revoked` and nothing changes.
   */
  revoke(link: ShareLink, now: string): Promise<RevokeShareLinkOutcome>;
}

/** The public side: a token's hash to what it opens, or nothing. */
export interface ShareTargetStore {
  /**
   * The target of the link whose token hashes to `tokenHash`, if every condition of a live share
   * holds at `now`: the link is not revoked and not expired, the image exists and is not taken
   * down, its conversation is ACTIVE, its owner's account is ACTIVE. Strongly consistent reads,
   * so a revocation or a take-down is effective for the next request.
   */
  liveTarget(tokenHash: string, now: Date): Promise<ShareTarget | undefined>;
}
