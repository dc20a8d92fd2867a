/** The key shapes and the user partition every other key module builds on. */

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
  dataExport: 'EXPORT#',
} as const;

/**
 * The profile's sort key. It sorts right after every ledger key, so one Query reads the balance
 * and the newest ledger page; the item purge leaves it for last (it becomes the tombstone).
 */
export const profileSortKey = 'PROFILE';
