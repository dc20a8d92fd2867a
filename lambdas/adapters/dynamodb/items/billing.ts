import { ttlAfterDays } from '../../../domain/account-deletion/deletion';
import { lifetimeDays } from '../../../domain/retention/lifetimes';
import type { StoreEventReceipt, StoreGrant } from '../../../domain/billing/ports';
import * as keys from '../keys';
import { type Item, withoutBookkeeping } from './bookkeeping';
import { storeEventReceiptType, storeGrantType } from './entity-types';

/* ---- Issue 12: subscriptions and credit packs (docs/subscriptions.md) ---- */

/** A RevenueCat event's receipt: what it was and what it changed, no personal data; kept as a billing record. */
export const storeEventReceipt = {
  to: (receipt: StoreEventReceipt): Item => ({
    ...keys.storeEventReceipt(receipt.eventId),
    entityType: storeEventReceiptType,
    ...receipt,
    ttl: ttlAfterDays(receipt.receivedAt, lifetimeDays.storeEventReceipts),
  }),
};

export const storeGrant = {
  to: (grant: StoreGrant): Item => ({
    ...keys.storeGrant(grant.grantId),
    entityType: storeGrantType,
    ...grant,
  }),
  from: (item: Item): StoreGrant => withoutBookkeeping(item) as unknown as StoreGrant,
};
