import { revokedShareLinkDays, type ShareLink } from '../../../domain/shares/share-link';
import * as keys from '../keys';
import { type Item, epochSecondsAfterDays } from './bookkeeping';

/* ---- Share links (issue 11, part B; docs/data-model.md rows 23–27) ---- */

const shareLinkType = 'SHARE_LINK';
const shareTokenType = 'SHARE_TOKEN';

/** The kinds of share items, for reads that tell them apart. */
export const shareEntityTypes = { shareLink: shareLinkType, shareToken: shareTokenType } as const;

export const shareLink = {
  to: (link: ShareLink): Item => ({
    ...keys.shareLink(link.userId, link.conversationId, link.imageId, link.linkId),
    entityType: shareLinkType,
    ...link,
  }),
  /** Picks the record's fields, so keys and bookkeeping (the revoked link's ttl) never leak upward. */
  from: (item: Item): ShareLink => {
    const { linkId, userId, imageId, conversationId, tokenHash, createdAt, expiresAt, revokedAt } =
      item as unknown as ShareLink;
    const link: ShareLink = { linkId, userId, imageId, conversationId, tokenHash, createdAt };
    if (expiresAt !== undefined) link.expiresAt = expiresAt;
    if (revokedAt !== undefined) link.revokedAt = revokedAt;
    return link;
  },
  /** The ttl a revoked link gets: it stays listed for `revokedShareLinkDays`, then TTL removes it. */
  revokedTtl: (revokedAt: string): number => epochSecondsAfterDays(revokedAt, revokedShareLinkDays),
};

/** What a token look-up names: no token, no title, nothing but the keys of what it opens. */
export interface ShareTokenPointer {
  ownerId: string;
  imageId: string;
  conversationId: string;
  linkId: string;
  expiresAt?: string;
}

export const shareToken = {
  to: (link: ShareLink): Item => ({
    ...keys.shareToken(link.tokenHash, link.userId),
    entityType: shareTokenType,
    ownerId: link.userId,
    imageId: link.imageId,
    conversationId: link.conversationId,
    linkId: link.linkId,
    ...(link.expiresAt === undefined ? {} : { expiresAt: link.expiresAt }),
  }),
  from: (item: Item): ShareTokenPointer => {
    const { ownerId, imageId, conversationId, linkId, expiresAt } = item as unknown as ShareTokenPointer;
    return { ownerId, imageId, conversationId, linkId, ...(expiresAt === undefined ? {} : { expiresAt }) };
  },
};
