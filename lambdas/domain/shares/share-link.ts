/**
 * A share link: one image of its owner's, opened by anyone holding the link's token until the
 * owner revokes it, it expires, or the image stops being shareable (docs/sharing.md).
 *
 *   live ──expiresAt passes──▶ expired   (still listed; revoke it to free its place)
 *     ╰──────revoke─────────▶ revoked   (listed for a while with revokedAt, then removed by TTL)
 */
import { lifetimeDays } from '../retention/lifetimes';

/** Unrevoked links (live or expired) an image may have at once; the next is refused `share_link_limit`. */
export const maxShareLinksPerImage = 10;

/** The shortest and longest expiry a link may ask for: a minute, a year. */
export const shareLinkExpiry = { minSeconds: 60, maxSeconds: 365 * 24 * 60 * 60 } as const;

/** How long a revoked link stays in its owner's list (and answers an idempotent revoke) before TTL removes it. */
export const revokedShareLinkDays = lifetimeDays.revokedShareLinks;

export interface ShareLink {
  linkId: string;
  userId: string;
  imageId: string;
  conversationId: string;
  /** SHA-256 of the token (./share-token.ts); the token itself is never stored. */
  tokenHash: string;
  createdAt: string;
  /** ISO; absent for a link that lasts until revoked. */
  expiresAt?: string;
  revokedAt?: string;
}

export type ShareLinkState = 'live' | 'expired' | 'revoked';

export function shareLinkState(link: Pick<ShareLink, 'expiresAt' | 'revokedAt'>, now: Date): ShareLinkState {
  if (link.revokedAt !== undefined) return 'revoked';
  if (link.expiresAt !== undefined && Date.parse(link.expiresAt) <= now.getTime()) return 'expired';
  return 'live';
}

/** What a live share opens: one image of one owner, and what its page may show. */
export interface ShareTarget {
  ownerId: string;
  imageId: string;
  linkId: string;
  objectKey: string;
  width: number;
  height: number;
  /** The conversation's title, when it has one; the page shows a neutral title otherwise. */
  title?: string;
}
