/**
 * Every key Pictor writes is built here and nowhere else. Everything a user owns lives in the
 * user's partition (`USER#<id>`) or carries the user id in a GSI key, so account deletion and
 * export find it all with queries. See docs/data-model.md for the charts.
 *
 * Import it as a namespace (`import * as keys from './keys'`): each key is its own export, so a
 * bundle carries only the keys its route builds.
 */

import type { OutboxPhase, PendingWork } from '../../domain/outbox/outbox';

export interface ItemKey {
  pk: string;
  sk: string;
}

/** A key in gsi1, the index for "everything in one conversation" (and later, pointer look-ups). */
export interface Gsi1Key {
  gsi1pk: string;
  gsi1sk: string;
}

/** What every user partition key starts with; the rest is the user id. */
export const userPartitionPrefix = 'USER#';

/** The partition that holds everything a user owns (for deletion and export queries). */
export const userPartition = (userId: string): string => `${userPartitionPrefix}${userId}`;

/** Sort-key prefixes, for the Query access patterns that list one kind of item. */
export const sortKeyPrefix = {
  ledger: 'LEDGER#',
  consent: 'CONSENT#',
  conversation: 'CONV#',
  generation: 'GEN#',
  image: 'IMG#',
  upload: 'UPLOAD#',
  idempotency: 'IDEMPOTENCY#',
} as const;

/**
 * The profile's sort key. It sorts right after every ledger key, so one Query reads the balance
 * and the newest ledger page; the item purge leaves it for last (it becomes the tombstone).
 */
export const profileSortKey = 'PROFILE';

const ownedPointersPk = (userId: string): string => `${userPartition(userId)}#POINTERS`;

const conversationGroupPk = (userId: string, conversationId: string): string =>
  `${userPartition(userId)}#CONV#${conversationId}`;

/** The account item: profile, settings, consents, status and the credit balance. */
export const profile = (userId: string): ItemKey => ({ pk: userPartition(userId), sk: profileSortKey });

/**
 * The range one Query walks (descending) for GET /v1/credits: the profile, then the ledger,
 * newest first. Nothing else may sort between `LEDGER#` and `PROFILE` (tested in keys.test.ts).
 */
export const creditsRange = (userId: string) => ({
  pk: userPartition(userId),
  from: sortKeyPrefix.ledger,
  to: profileSortKey,
});

/** One append-only ledger entry; the sort key orders entries by time. */
export const ledgerEntry = (userId: string, at: string, entryId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.ledger}${at}#${entryId}`,
});

/** One consent event (policy acceptance, age confirmation), kept as evidence. */
export const consentEvent = (userId: string, at: string, eventId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.consent}${at}#${eventId}`,
});

/** A conversation; ids are time-ordered, so a descending Query lists newest first. */
export const conversation = (userId: string, conversationId: string): ItemKey & Gsi1Key => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.conversation}${conversationId}`,
  gsi1pk: conversationGroupPk(userId, conversationId),
  // Sorts before every `GEN#`, so the conversation heads its own group.
  gsi1sk: 'CONV',
});

/** The primary key alone (a `Key` must not carry index attributes). */
export const conversationById = (userId: string, conversationId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.conversation}${conversationId}`,
});

/** A generation: fetched alone by id, and listed with its conversation through gsi1. */
export const generation = (userId: string, conversationId: string, generationId: string): ItemKey & Gsi1Key => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.generation}${generationId}`,
  gsi1pk: conversationGroupPk(userId, conversationId),
  gsi1sk: `${sortKeyPrefix.generation}${generationId}`,
});

/** The key of a generation when only its id is known (GET /v1/generations/{id}). */
export const generationById = (userId: string, generationId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.generation}${generationId}`,
});

/** The group gsi1 holds for one conversation: the conversation, then its generations oldest first. */
export const conversationGroup = (userId: string, conversationId: string) => ({
  gsi1pk: conversationGroupPk(userId, conversationId),
});

/** One stored image (its object key and owner), addressable by id. */
export const image = (userId: string, imageId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.image}${imageId}`,
});

/** One reference upload and its validation state. */
export const upload = (userId: string, uploadId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.upload}${uploadId}`,
});

/**
 * Marks a client idempotency key as used; the key is hashed so its length and characters never reach the key schema.
 */
export const idempotency = (userId: string, keyHash: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.idempotency}${keyHash}`,
});

/**
 * A pointer from an outside identity (a Telegram id, a RevenueCat app user id) to its user. It
 * lives in its own partition, so look-ups by the outside id are one GetItem, and carries the
 * owner in gsi1 so deletion and export find every pointer a user owns with one Query.
 */
export const externalIdentity = (provider: string, externalId: string, userId: string): ItemKey & Gsi1Key => ({
  pk: `EXTERNAL#${provider}#${externalId}`,
  sk: 'POINTER',
  gsi1pk: ownedPointersPk(userId),
  gsi1sk: `EXTERNAL#${provider}#${externalId}`,
});

/** The gsi1 group of every pointer item a user owns. */
export const ownedPointers = (userId: string) => ({ gsi1pk: ownedPointersPk(userId) });

/**
 * What outlives a deleted account (docs/retention.md), keyed by a keyed hash of the user id,
 * never the id: the account summary and the retained credit records share one partition.
 */
export const retainedAccount = (subjectHash: string): ItemKey => ({ pk: `RETAINED#${subjectHash}`, sk: 'ACCOUNT' });
export const retainedCredit = (subjectHash: string, at: string, entryId: string): ItemKey => ({
  pk: `RETAINED#${subjectHash}`,
  sk: `CREDIT#${at}#${entryId}`,
});

/** The receipt support checks to confirm a deletion, by the same keyed hash. */
export const deletionReceipt = (subjectHash: string): ItemKey => ({ pk: `DELETION#${subjectHash}`, sk: 'RECEIPT' });

/**
 * The outbox (docs/data-model.md, "The outbox"): an item whose follow-up work (a generation's job
 * on the queue, an account's or a conversation's deletion) has been committed but not yet handed
 * over carries these two attributes, which place it in the sparse `outbox` index. The sort key
 * starts with the phase, then the time it entered it, so the sweeper reads each phase's entries
 * older than that phase's wait: `SEND` until the hand-over is confirmed, `WATCH` (generations
 * only) from each start by the worker until the generation settles. Entries are spread over a few
 * partitions by a hash of the item's key, so a burst of generations never lands on one.
 */
export const outboxShardCount = 4;

export interface OutboxKey {
  outboxPk: string;
  outboxSk: string;
}

export const outboxShard = (shard: number): Pick<OutboxKey, 'outboxPk'> => ({ outboxPk: `OUTBOX#${shard}` });

export const outboxEntry = (item: ItemKey, since: string, phase: OutboxPhase = 'SEND'): OutboxKey => ({
  ...outboxShard(shardOf(`${item.pk}|${item.sk}`)),
  outboxSk: `${phase}#${since}#${item.sk}`,
});

/** The entries of one shard in `phase` since before `before` (ISO time): a Query's key range. */
export const outboxRange = (shard: number, phase: OutboxPhase, before: string) => ({
  ...outboxShard(shard),
  from: `${phase}#`,
  to: `${phase}#${before}`,
});

function shardOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash % outboxShardCount;
}

/** What an outbox entry is waiting for, read back from the table keys the index projects. */
export function pendingWorkOf(item: { pk?: unknown; sk?: unknown }): PendingWork | undefined {
  const { pk, sk } = item;
  if (typeof pk !== 'string' || typeof sk !== 'string' || !pk.startsWith(userPartitionPrefix)) return undefined;
  const userId = pk.slice(userPartitionPrefix.length);
  if (sk.startsWith(sortKeyPrefix.generation))
    return { kind: 'generation', userId, generationId: sk.slice(sortKeyPrefix.generation.length) };
  if (sk === profileSortKey) return { kind: 'account-deletion', userId };
  if (sk.startsWith(sortKeyPrefix.conversation)) {
    return { kind: 'conversation-deletion', userId, conversationId: sk.slice(sortKeyPrefix.conversation.length) };
  }
  return undefined;
}

/** The item whose outbox entry stands for `work`: `pendingWorkOf` the other way round. */
export function pendingWorkKey(work: PendingWork): ItemKey {
  switch (work.kind) {
    case 'generation':
      return generationById(work.userId, work.generationId);
    case 'account-deletion':
      return profile(work.userId);
    case 'conversation-deletion':
      return conversationById(work.userId, work.conversationId);
  }
}

/* ───────────── Library, favorites and the action log (issue 11, part A) ───────────── */

/**
 * The library: every image a user owns sits in one gsi1 group, newest first by creation time
 * (the image id breaks ties between images of one generation), so a page is one Query.
 */
const libraryPk = (userId: string): string => `${userPartition(userId)}#IMAGES`;

/** The sort-key prefixes of the library's gsi1 group and of the sparse `favorites` index. */
export const libraryPrefix = { image: 'IMG#', favorite: 'FAV#' } as const;

/** The gsi1 key an image item carries: its place in its owner's library. */
export const libraryEntry = (userId: string, createdAt: string, imageId: string): Gsi1Key => ({
  gsi1pk: libraryPk(userId),
  gsi1sk: `${libraryPrefix.image}${createdAt}#${imageId}`,
});

/** The gsi1 group a library page reads. */
export const library = (userId: string) => ({ gsi1pk: libraryPk(userId) });

export interface FavoritesKey {
  favoritesPk: string;
  favoritesSk: string;
}

/**
 * A favorite is the image item carrying these two attributes (and `favoritedAt`), which place it
 * in the sparse `favorites` index: newest favorite first. Removing them unfavorites the image,
 * and the favorite goes wherever the image item goes.
 */
export const favoriteEntry = (userId: string, favoritedAt: string, imageId: string): FavoritesKey => ({
  favoritesPk: `${userPartition(userId)}#FAVORITES`,
  favoritesSk: `${libraryPrefix.favorite}${favoritedAt}#${imageId}`,
});

/** The `favorites` index partition a favorites page reads. */
export const favorites = (userId: string): Pick<FavoritesKey, 'favoritesPk'> => ({
  favoritesPk: favoriteEntry(userId, '', '').favoritesPk,
});

/** What every action-log entry's sort key starts with, in the user's partition. */
export const actionLogPrefix = 'ACTION#';

/**
 * One action-log entry (a save or a share of an image). In the user's partition, under its
 * image, so deleting the image finds its entries with one strongly consistent Query; in the
 * conversation's gsi1 group under its generation (`GEN#<id>#…`), so deleting the conversation
 * removes them with the generations it already finds by that prefix.
 */
export const actionEntry = (
  image: { userId: string; conversationId: string; generationId: string; imageId: string },
  at: string,
  actionId: string,
): ItemKey & Gsi1Key => ({
  pk: userPartition(image.userId),
  sk: `${actionLogPrefix}${image.imageId}#${at}#${actionId}`,
  gsi1pk: conversationGroupPk(image.userId, image.conversationId),
  gsi1sk: `${sortKeyPrefix.generation}${image.generationId}#${actionLogPrefix}${image.imageId}#${at}#${actionId}`,
});

/** The action-log entries of one image, in its owner's partition. */
export const actionsOfImage = (userId: string, imageId: string) => ({
  pk: userPartition(userId),
  prefix: `${actionLogPrefix}${imageId}#`,
});

/** Every action-log entry a user owns (export). */
export const actionLog = (userId: string) => ({ pk: userPartition(userId), prefix: actionLogPrefix });

/**
 * The aggregate counters of one day: a partition per UTC day holding no user id, one item per
 * action type, model and shard. Each record adds to one of `shards` items picked at random, so
 * concurrent transactions rarely touch the same counter (a conflict cancels a transaction); the
 * reader sums the shards.
 */
export const actionCountsOfDay = (day: string) => ({ pk: `ACTION_COUNTS#${day}` });

export const actionCounter = (day: string, type: string, modelId: string, shard: number): ItemKey => ({
  ...actionCountsOfDay(day),
  sk: `${type}#${modelId}#${shard}`,
});

/* ---- Share links (issue 11, part B; docs/data-model.md rows 23–27, docs/sharing.md) ---- */

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

/* ---- Issue 12: subscriptions and credit packs (docs/subscriptions.md; data-model rows 40-) ---- */

/**
 * The receipt of one RevenueCat event, keyed by its id: the dedupe marker, written in the same
 * transaction as the event's effect. Its own partition, and no user id in it.
 */
export const storeEventReceipt = (eventId: string): ItemKey => ({ pk: `STORE_EVENT#${eventId}`, sk: 'RECEIPT' });

/** One store grant (a period, a pack, a virtual-currency transaction), keyed by the store's transaction. */
export const storeGrant = (grantId: string): ItemKey => ({ pk: `STORE_GRANT#${grantId}`, sk: 'GRANT' });

/* ---------------------------------------------------------------------------------------------
 * Part C (issue 11): reports, the moderation queue and the audit log (docs/data-model.md, rows
 * 28–34). A report lives in its own partition, so a moderator reads it by id alone; its
 * reporter finds it through gsi1, its owner's account deletion through a marker in the
 * owner's partition; the open ones sit in the sparse `moderationQueue` index.
 * ------------------------------------------------------------------------------------------- */

/** One report, by id (the id is derived from reporter and target: reports/report.ts). */
export const report = (reportId: string): ItemKey => ({ pk: `REPORT#${reportId}`, sk: 'REPORT' });

const reportsFiledByPk = (userId: string): string => `${userPartition(userId)}#REPORTS`;

/** Where a signed-in reporter's report sits in gsi1: their group, newest last by time. */
export const reportFiledBy = (userId: string, createdAt: string, reportId: string): Gsi1Key => ({
  gsi1pk: reportsFiledByPk(userId),
  gsi1sk: `REPORT#${createdAt}#${reportId}`,
});

/** The gsi1 group of every report a person filed (GET /v1/reports, and their account deletion). */
export const reportsFiledBy = (userId: string) => ({ gsi1pk: reportsFiledByPk(userId), sortPrefix: 'REPORT#' });

/** Sort-key prefix of the report markers in an owner's partition. */
export const reportMarkerPrefix = 'REPORTED#';

/**
 * A marker in the reported owner's partition: their account deletion finds each report about
 * their content through it (and closes the report) before the purge deletes the marker.
 */
export const reportMarker = (ownerId: string, reportId: string): ItemKey => ({
  pk: userPartition(ownerId),
  sk: `${reportMarkerPrefix}${reportId}`,
});

/** The sparse queue index's keys on an open report: most severe reason first, then oldest. */
export interface ModerationQueueKey {
  queuePk: string;
  queueSk: string;
}

/** The open queue's one partition; moderation volume is far below one partition's limits. */
export const openQueue = { queuePk: 'QUEUE#OPEN', sortPrefix: '' } as const;

export const openQueueEntry = (severityRank: string, createdAt: string, reportId: string): ModerationQueueKey => ({
  queuePk: openQueue.queuePk,
  queueSk: `${severityRank}#${createdAt}#${reportId}`,
});

/** The audit log: one partition, entries by time (moderator actions are few). */
export const auditLog = { pk: 'AUDIT', sortPrefix: 'ENTRY#' } as const;

export const auditEntry = (at: string, entryId: string): ItemKey => ({
  pk: auditLog.pk,
  sk: `${auditLog.sortPrefix}${at}#${entryId}`,
});
