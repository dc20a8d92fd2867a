import type { ItemKey } from './base';

/* ---- Issue 12: subscriptions and credit packs (docs/subscriptions.md; data-model rows 40-) ---- */

/**
 * The receipt of one RevenueCat event, keyed by its id: the dedupe marker, written in the same
 * transaction as the event's effect. Its own partition, and no user id in it.
 */
export const storeEventReceipt = (eventId: string): ItemKey => ({ pk: `STORE_EVENT#${eventId}`, sk: 'RECEIPT' });

/** One store grant (a period, a pack, a virtual-currency transaction), keyed by the store's transaction. */
export const storeGrant = (grantId: string): ItemKey => ({ pk: `STORE_GRANT#${grantId}`, sk: 'GRANT' });
