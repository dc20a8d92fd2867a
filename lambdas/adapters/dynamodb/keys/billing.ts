import type { ItemKey } from './base';

/* ---- Issue 12: subscriptions and credit packs (docs/subscriptions.md; data-model rows 40-) ---- */

/**
 * The receipt of one RevenueCat event, keyed by its id: the dedupe marker, written in the same
 * transaction as the event's effect. Its own partition, and no user id in it.
 */
export const storeEventReceipt = (eventId: string): ItemKey => ({ pk: `STORE_EVENT#${eventId}`, sk: 'RECEIPT' });

/** One store grant (a period, a pack, a virtual-currency transaction), keyed by the store's transaction. */
export const storeGrant = (grantId: string): ItemKey => ({ pk: `STORE_GRANT#${grantId}`, sk: 'GRANT' });

/**
 * The reconciliation's watch list: a sparse key group in gsi1 that only profiles with an
 * entitlement carry, sorted by when their access ends (or ended), so "active, or changed in the
 * last days" is one key condition (`gsi1sk >= <since>`), paged, never a Scan. One partition:
 * it holds only paying people, and is written only when their entitlement changes.
 */
export const storeWatchPk = 'STORE_WATCH';
export const storeWatchEntry = (userId: string, until: string) => ({
  gsi1pk: storeWatchPk,
  gsi1sk: `${until}#${userId}`,
});

/** Where an unfinished reconciliation run resumes (its own partition; no user id). */
export const reconcileCursor = (): ItemKey => ({ pk: 'RECONCILE#revenuecat', sk: 'CURSOR' });
