/** The account: profile, ledger, consents, idempotency, outside identities and what outlives deletion. */
import { type Gsi1Key, type ItemKey, profileSortKey, sortKeyPrefix, userPartition } from './base';
import { ownedPointersPk } from './partitions';

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
