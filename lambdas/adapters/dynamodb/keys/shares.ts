import { type Gsi1Key, type ItemKey, sortKeyPrefix, userPartition } from './base';
import { ownedPointersPk } from './partitions';

/** Where a user's share links sort in their partition (the link ids are time-ordered: newest last). */
export const shareLinkSortKeyPrefix = 'SHARE#';

const shareGroupPk = (userId: string, conversationId: string): string =>
  `${userPartition(userId)}#SHARES#${conversationId}`;

const shareTokenPk = (tokenHash: string): string => `SHARETOKEN#${tokenHash}`;

/**
 * A share link, in its owner's partition (so account deletion erases it with everything else),
 * and in gsi1 in its conversation's share group, ordered by image: deleting an image or a
 * conversation finds its links with one Query. A group apart from the conversation's own
 * (`conversationGroup`), so reading a conversation never reads its links.
 */
export const shareLink = (
  userId: string,
  conversationId: string,
  imageId: string,
  linkId: string,
): ItemKey & Gsi1Key => ({
  ...shareLinkById(userId, linkId),
  gsi1pk: shareGroupPk(userId, conversationId),
  gsi1sk: `${sortKeyPrefix.image}${imageId}#${linkId}`,
});

/** The primary key of a share link when only its id is known (revoking it). */
export const shareLinkById = (userId: string, linkId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${shareLinkSortKeyPrefix}${linkId}`,
});

/** Every share link of one conversation (gsi1): what deleting the conversation removes. */
export const conversationShareLinks = (userId: string, conversationId: string) => ({
  gsi1pk: shareGroupPk(userId, conversationId),
});

/** Every share link of one image (gsi1, a prefix of its conversation's share group). */
export const imageShareLinks = (userId: string, conversationId: string, imageId: string) => ({
  gsi1pk: shareGroupPk(userId, conversationId),
  gsi1skPrefix: `${sortKeyPrefix.image}${imageId}#`,
});

/**
 * The look-up of a live share by its token's hash (never the token): one strongly consistent
 * GetItem for the public routes. It exists exactly while the link is live-or-expired and not
 * revoked; it carries its owner in gsi1 among their pointers, so account deletion finds it.
 */
export const shareToken = (tokenHash: string, userId: string): ItemKey & Gsi1Key => ({
  ...shareTokenByHash(tokenHash),
  gsi1pk: ownedPointersPk(userId),
  gsi1sk: shareTokenPk(tokenHash),
});

/** The primary key of the token look-up (a `Key` must not carry index attributes). */
export const shareTokenByHash = (tokenHash: string): ItemKey => ({ pk: shareTokenPk(tokenHash), sk: 'TARGET' });
