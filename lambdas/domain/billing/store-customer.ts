/**
 * A RevenueCat customer as the REST API shows it (lambdas/adapters/revenuecat/rest-client.ts
 * maps the wire shape to this), and the events a missed webhook would have delivered, derived
 * from it. The derived events carry the webhook's own store transaction ids, so they reach the
 * same grants (`sub:<transaction>`, `pack:<transaction>`): a sync before the webhook makes the
 * webhook a no-op, a sync after it grants nothing (CONTRACTS-2 §1.6: one key per grant). Pure.
 */
import type { StoreEvent } from './store-event';

/** The latest period of one subscription product. Times are epoch ms. */
export interface StoreSubscription {
  productId: string;
  /** The latest period's store transaction: the id the webhook's `transaction_id` carries. */
  transactionId: string | null;
  purchasedAt: number;
  expiresAt: number | null;
  periodType: 'NORMAL' | 'TRIAL' | 'INTRO' | 'PROMOTIONAL' | 'PREPAID' | null;
  store: string | null;
  sandbox: boolean;
  /** When the store saw auto-renew turned off; null: it renews. */
  unsubscribedAt: number | null;
  gracePeriodExpiresAt: number | null;
  refundedAt: number | null;
}

/** One non-subscription (a credit pack) purchase. */
export interface StorePurchase {
  productId: string;
  transactionId: string | null;
  purchasedAt: number;
  store: string | null;
  sandbox: boolean;
  refundedAt: number | null;
  price: { amount: number; currency: string } | null;
}

export interface StoreCustomer {
  subscriptions: StoreSubscription[];
  purchases: StorePurchase[];
}

/**
 * How far back purchases are reconciled. RevenueCat gives up on a webhook after ~2.5 h, and
 * stores refund up to ~90 days after a purchase; older purchases were settled by then.
 */
export const reconcileLookbackMs = 100 * 24 * 3600 * 1000;

/** RevenueCat's store names are lowercase on the REST API, uppercase in webhooks. */
const storeName = (store: string | null) => (store ? store.toUpperCase() : null);
const environment = (sandbox: boolean) => (sandbox ? 'SANDBOX' : 'PRODUCTION');

/**
 * The events that explain the customer's state, oldest first, each with a stable id
 * (`sync:<what>:<transaction>`), so reconciling twice finds its own receipts and does nothing.
 * Each is dated when the store says it happened, never "now": a webhook that comes later with a
 * newer event still moves the entitlement forward.
 */
export function eventsFromCustomer(userId: string, customer: StoreCustomer, now: number): StoreEvent[] {
  const since = now - reconcileLookbackMs;
  const events: StoreEvent[] = [];
  const base = (id: string, type: string, at: number, fields: Partial<StoreEvent>): StoreEvent => ({
    id,
    type,
    event_timestamp_ms: at,
    app_user_id: userId,
    ...fields,
  });
  for (const subscription of customer.subscriptions) {
    const tx = subscription.transactionId;
    if (!tx || subscription.purchasedAt < since) continue;
    const fields: Partial<StoreEvent> = {
      product_id: subscription.productId,
      transaction_id: tx,
      purchased_at_ms: subscription.purchasedAt,
      expiration_at_ms: subscription.expiresAt,
      period_type: subscription.periodType,
      store: storeName(subscription.store),
      environment: environment(subscription.sandbox),
    };
    events.push(base(`sync:period:${tx}`, 'RENEWAL', subscription.purchasedAt, fields));
    if (subscription.refundedAt !== null) {
      const refund = { ...fields, cancel_reason: 'CUSTOMER_SUPPORT' };
      events.push(base(`sync:refund:${tx}`, 'CANCELLATION', subscription.refundedAt, refund));
      continue;
    }
    if (subscription.unsubscribedAt !== null) {
      const cancel = { ...fields, cancel_reason: 'UNSUBSCRIBE' };
      events.push(base(`sync:cancel:${tx}`, 'CANCELLATION', subscription.unsubscribedAt, cancel));
    }
    if (subscription.expiresAt !== null && subscription.expiresAt <= now) {
      const graceEnds = subscription.gracePeriodExpiresAt ?? 0;
      if (graceEnds <= now) events.push(base(`sync:expiry:${tx}`, 'EXPIRATION', subscription.expiresAt, fields));
    }
  }
  for (const purchase of customer.purchases) {
    const tx = purchase.transactionId;
    if (!tx || purchase.purchasedAt < since) continue;
    const fields: Partial<StoreEvent> = {
      product_id: purchase.productId,
      transaction_id: tx,
      purchased_at_ms: purchase.purchasedAt,
      expiration_at_ms: null,
      store: storeName(purchase.store),
      environment: environment(purchase.sandbox),
      ...(purchase.price
        ? { price_in_purchased_currency: purchase.price.amount, currency: purchase.price.currency }
        : {}),
    };
    events.push(base(`sync:pack:${tx}`, 'NON_RENEWING_PURCHASE', purchase.purchasedAt, fields));
    if (purchase.refundedAt !== null) {
      const refund = { ...fields, cancel_reason: 'CUSTOMER_SUPPORT' };
      events.push(base(`sync:refund:${tx}`, 'CANCELLATION', purchase.refundedAt, refund));
    }
  }
  return events.sort((a, b) => a.event_timestamp_ms - b.event_timestamp_ms);
}
