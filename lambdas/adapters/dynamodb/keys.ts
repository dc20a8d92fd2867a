/**
 * Every key Pictor writes is built here and nowhere else. Everything a user owns lives in the
 * user's partition (`USER#<id>`) or carries the user id in a GSI key, so account deletion and
 * export find it all with queries. See docs/data-model.md for the charts.
 */

export interface ItemKey {
  pk: string;
  sk: string;
}

const userPartition = (userId: string): string => `USER#${userId}`;

/** Sort-key prefixes, for the Query access patterns that list one kind of item. */
export const sortKeyPrefix = {
  ledger: 'LEDGER#',
  consent: 'CONSENT#',
} as const;

export const keys = {
  /** The account item: profile, settings, consents, status and the credit balance. */
  profile: (userId: string): ItemKey => ({ pk: userPartition(userId), sk: 'PROFILE' }),

  /** One append-only ledger entry; the sort key orders entries by time. */
  ledgerEntry: (userId: string, at: string, entryId: string): ItemKey => ({
    pk: userPartition(userId),
    sk: `${sortKeyPrefix.ledger}${at}#${entryId}`,
  }),

  /** One consent event (policy acceptance, age confirmation), kept as evidence. */
  consentEvent: (userId: string, at: string, eventId: string): ItemKey => ({
    pk: userPartition(userId),
    sk: `${sortKeyPrefix.consent}${at}#${eventId}`,
  }),

  /** The partition that holds everything a user owns (for deletion and export queries). */
  userPartition,
} as const;
