import { type Gsi1Key, type ItemKey, sortKeyPrefix, userPartition } from './base';
import { conversationGroupPk } from './partitions';

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
