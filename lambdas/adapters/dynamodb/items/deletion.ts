/** What account deletion reads and what outlives it (docs/retention.md). */
import {
  retentionDays,
  ttlAfterDays,
  type DeletionReceipt,
  type RetainedAccountSummary,
  type RetainedCreditRecord,
} from '../../../domain/account-deletion/deletion';
import type { DeletionState, OwnedItem } from '../../../domain/account-deletion/ports';
import type { AccountStatus } from '../../../domain/profile/profile';
import * as keys from '../keys';
import type { Item } from './bookkeeping';
import {
  profileType,
  ledgerEntryType,
  retainedAccountType,
  retainedCreditType,
  deletionReceiptType,
} from './entity-types';

/** The profile item as account deletion reads it (status and dates). */
export const deletionState = {
  from: (item: Item): DeletionState => ({
    status: item.status as AccountStatus,
    accountCreatedAt: item.createdAt as string | undefined,
    requestedAt: item.deletionRequestedAt as string | undefined,
    completedAt: item.deletionCompletedAt as string | undefined,
  }),
};

/** What deletion reads of an item the user owns, and the item as it sees it (keys, kind, a ledger entry's facts). */
export const ownedItemProjection =
  'pk, sk, entityType, kind, amount, createdAt, entryId, #store, productId, price, currency';
/** `store` is a DynamoDB reserved word: the projection names it through this. */
export const ownedItemProjectionNames = { '#store': 'store' };

export const ownedItem = {
  from: (item: Item): OwnedItem => {
    const owned: OwnedItem = { key: { pk: String(item.pk), sk: String(item.sk) }, entityType: String(item.entityType) };
    if (item.entityType === ledgerEntryType) {
      owned.ledger = {
        kind: String(item.kind),
        amount: Number(item.amount),
        at: String(item.createdAt),
        entryId: String(item.entryId),
        ...storeFacts(item),
      };
    }
    return owned;
  },
};

/** What outlives a deleted account (docs/retention.md), keyed by the subject hash and expired by TTL. */
export const retainedCredit = {
  to: (subjectHash: string, record: RetainedCreditRecord, now: string): Item => ({
    ...keys.retainedCredit(subjectHash, record.at, record.entryId),
    entityType: retainedCreditType,
    kind: record.kind,
    amount: record.amount,
    at: record.at,
    ...storeFacts(record),
    ttl: ttlAfterDays(now, retentionDays.creditRecords),
  }),
};

export const retainedAccount = {
  to: (subjectHash: string, summary: RetainedAccountSummary, now: string): Item => ({
    ...keys.retainedAccount(subjectHash),
    entityType: retainedAccountType,
    ...summary,
    ttl: ttlAfterDays(now, retentionDays.accountSummary),
  }),
};

export const deletionReceipt = {
  to: (receipt: DeletionReceipt, now: string): Item => ({
    ...keys.deletionReceipt(receipt.subjectHash),
    entityType: deletionReceiptType,
    ...receipt,
    ttl: ttlAfterDays(now, retentionDays.receipt),
  }),
};

/** The profile replaced whole once an account is deleted: nothing personal survives in it, and the TTL removes it. */
export const tombstone = {
  to: (userId: string, times: { requestedAt?: string; completedAt: string }, now: string): Item => ({
    ...keys.profile(userId),
    entityType: profileType,
    userId,
    status: 'DELETED' satisfies AccountStatus,
    deletionRequestedAt: times.requestedAt,
    deletionCompletedAt: times.completedAt,
    ttl: ttlAfterDays(now, retentionDays.tombstone),
  }),
};

/* ───────────── Library, favorites and the action log (issue 11, part A) ───────────── */

/** The store, product, price and currency of a store entry, those present (no user id, no transaction). */
type StoreFacts = Pick<RetainedCreditRecord, 'store' | 'productId' | 'price' | 'currency'>;

function storeFacts(from: object): StoreFacts {
  const source = from as Record<string, unknown>;
  const facts: StoreFacts = {};
  if (typeof source.store === 'string') facts.store = source.store;
  if (typeof source.productId === 'string') facts.productId = source.productId;
  if (typeof source.price === 'number') facts.price = source.price;
  if (typeof source.currency === 'string') facts.currency = source.currency;
  return facts;
}
