/**
 * The fake RevenueCat's in-memory customers and what a store does to them: each operation changes
 * the customer (as GET /v1/subscribers shows it, CONTRACTS §2.6) and answers the webhook event
 * RevenueCat would send for it (CONTRACTS §2.2–2.4's shape), so `sync` and the webhook see the
 * same story. Customers are keyed by app user id: Pictor's user id (the app's `logIn`).
 */
import { randomUUID } from 'node:crypto';

const day = 86_400_000;
const periodMs = 30 * day;

export interface FakeSubscription {
  purchase_date: string;
  original_purchase_date: string;
  expires_date: string;
  period_type: 'normal' | 'trial';
  store: string;
  is_sandbox: boolean;
  unsubscribe_detected_at: string | null;
  billing_issues_detected_at: string | null;
  grace_period_expires_date: string | null;
  refunded_at: string | null;
  store_transaction_id: string;
  original_transaction_id: string;
  price: { amount: number; currency: string };
}

export interface FakePurchase {
  id: string;
  purchase_date: string;
  store: string;
  is_sandbox: boolean;
  store_transaction_id: string;
  refunded_at: string | null;
  price: { amount: number; currency: string };
}

export interface FakeCustomer {
  subscriptions: Record<string, FakeSubscription>;
  non_subscriptions: Record<string, FakePurchase[]>;
}

/** A webhook event body (`event` of the delivery). */
export type FakeEvent = Record<string, unknown> & { id: string; type: string; event_timestamp_ms: number };

export class FakeStoreError extends Error {}

/** Prices the fake charges: enough to show amount and currency in the retained records. */
const prices = { subscription: { amount: 9.99, currency: 'EUR' }, pack: { amount: 4.99, currency: 'EUR' } };

export class FakeCustomers {
  private readonly customers = new Map<string, FakeCustomer>();
  private sequence = 0;

  constructor(
    /** Which products are subscriptions (the stage catalog's); everything else is a pack. */
    private readonly subscriptionProducts: ReadonlySet<string>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The customer as GET /v1/subscribers/{id} answers it, or undefined. */
  get(userId: string): FakeCustomer | undefined {
    return this.customers.get(userId);
  }

  delete(userId: string): boolean {
    return this.customers.delete(userId);
  }

  private customer(userId: string): FakeCustomer {
    let customer = this.customers.get(userId);
    if (!customer) {
      customer = { subscriptions: {}, non_subscriptions: {} };
      this.customers.set(userId, customer);
    }
    return customer;
  }

  private transactionId(): string {
    this.sequence += 1;
    return `fake-${this.now()}-${this.sequence}`;
  }

  private event(type: string, userId: string | null, fields: Record<string, unknown>): FakeEvent {
    return {
      type,
      id: randomUUID(),
      event_timestamp_ms: this.now(),
      app_id: 'fake-app',
      app_user_id: userId,
      original_app_user_id: userId,
      aliases: userId ? [userId] : [],
      environment: 'PRODUCTION',
      store: 'APP_STORE',
      metadata: null,
      ...fields,
    };
  }

  private subscriptionFields(productId: string, s: FakeSubscription, sign = 1) {
    return {
      product_id: productId,
      entitlement_ids: ['pro'],
      period_type: s.period_type.toUpperCase(),
      purchased_at_ms: Date.parse(s.purchase_date),
      expiration_at_ms: Date.parse(s.expires_date),
      transaction_id: s.store_transaction_id,
      original_transaction_id: s.original_transaction_id,
      price: sign * s.price.amount,
      price_in_purchased_currency: sign * s.price.amount,
      currency: s.price.currency,
    };
  }

  /** A new subscription (INITIAL_PURCHASE) or a pack (NON_RENEWING_PURCHASE). */
  buy(userId: string, productId: string): FakeEvent {
    if (!this.subscriptionProducts.has(productId)) return this.pack(userId, productId);
    const now = this.now();
    const tx = this.transactionId();
    const subscription: FakeSubscription = {
      purchase_date: new Date(now).toISOString(),
      original_purchase_date: new Date(now).toISOString(),
      expires_date: new Date(now + periodMs).toISOString(),
      period_type: 'normal',
      store: 'app_store',
      is_sandbox: false,
      unsubscribe_detected_at: null,
      billing_issues_detected_at: null,
      grace_period_expires_date: null,
      refunded_at: null,
      store_transaction_id: tx,
      original_transaction_id: tx,
      price: prices.subscription,
    };
    this.customer(userId).subscriptions[productId] = subscription;
    return this.event('INITIAL_PURCHASE', userId, this.subscriptionFields(productId, subscription));
  }

  /** The next period of the person's subscription, starting now (RENEWAL, a new transaction). */
  renew(userId: string): FakeEvent {
    const [productId, current] = this.latestSubscription(userId);
    const now = this.now();
    const renewed: FakeSubscription = {
      ...current,
      purchase_date: new Date(now).toISOString(),
      expires_date: new Date(now + periodMs).toISOString(),
      unsubscribe_detected_at: null,
      refunded_at: null,
      store_transaction_id: this.transactionId(),
    };
    this.customer(userId).subscriptions[productId] = renewed;
    return this.event('RENEWAL', userId, this.subscriptionFields(productId, renewed));
  }

  pack(userId: string, productId: string): FakeEvent {
    if (this.subscriptionProducts.has(productId)) throw new FakeStoreError(`${productId} is a subscription: use buy`);
    const now = this.now();
    const purchase: FakePurchase = {
      id: randomUUID().slice(0, 10),
      purchase_date: new Date(now).toISOString(),
      store: 'app_store',
      is_sandbox: false,
      store_transaction_id: this.transactionId(),
      refunded_at: null,
      price: prices.pack,
    };
    const customer = this.customer(userId);
    customer.non_subscriptions[productId] = [...(customer.non_subscriptions[productId] ?? []), purchase];
    return this.event('NON_RENEWING_PURCHASE', userId, {
      product_id: productId,
      entitlement_ids: null,
      period_type: 'NORMAL',
      purchased_at_ms: now,
      expiration_at_ms: null,
      transaction_id: purchase.store_transaction_id,
      original_transaction_id: purchase.store_transaction_id,
      price: purchase.price.amount,
      price_in_purchased_currency: purchase.price.amount,
      currency: purchase.price.currency,
    });
  }

  /** Refunds the person's latest purchase, a period or a pack (CANCELLATION + CUSTOMER_SUPPORT). */
  refund(userId: string): FakeEvent {
    const customer = this.customers.get(userId);
    if (!customer) throw new FakeStoreError('no such customer');
    const now = new Date(this.now()).toISOString();
    const periods = Object.entries(customer.subscriptions).filter(([, s]) => !s.refunded_at);
    const packs = Object.entries(customer.non_subscriptions).flatMap(([productId, list]) =>
      list.filter((p) => !p.refunded_at).map((p) => [productId, p] as const),
    );
    const latestPeriod = periods.sort(([, a], [, b]) => b.purchase_date.localeCompare(a.purchase_date))[0];
    const latestPack = packs.sort(([, a], [, b]) => b.purchase_date.localeCompare(a.purchase_date))[0];
    if (latestPack && (!latestPeriod || latestPack[1].purchase_date >= latestPeriod[1].purchase_date)) {
      const [productId, pack] = latestPack;
      pack.refunded_at = now;
      return this.event('CANCELLATION', userId, {
        cancel_reason: 'CUSTOMER_SUPPORT',
        product_id: productId,
        purchased_at_ms: Date.parse(pack.purchase_date),
        expiration_at_ms: null,
        transaction_id: pack.store_transaction_id,
        original_transaction_id: pack.store_transaction_id,
        price: -pack.price.amount,
        price_in_purchased_currency: -pack.price.amount,
        currency: pack.price.currency,
      });
    }
    if (!latestPeriod) throw new FakeStoreError('nothing to refund');
    const [productId, period] = latestPeriod;
    period.refunded_at = now;
    period.expires_date = now;
    return this.event('CANCELLATION', userId, {
      ...this.subscriptionFields(productId, period, -1),
      expiration_at_ms: Date.parse(now),
      cancel_reason: 'CUSTOMER_SUPPORT',
    });
  }

  /** Auto-renew off (CANCELLATION + UNSUBSCRIBE): access until the period's end. */
  cancel(userId: string): FakeEvent {
    const [productId, subscription] = this.latestSubscription(userId);
    subscription.unsubscribe_detected_at = new Date(this.now()).toISOString();
    return this.event('CANCELLATION', userId, {
      ...this.subscriptionFields(productId, subscription),
      cancel_reason: 'UNSUBSCRIBE',
    });
  }

  /** The subscription ends now (EXPIRATION). */
  expire(userId: string): FakeEvent {
    const [productId, subscription] = this.latestSubscription(userId);
    subscription.expires_date = new Date(this.now()).toISOString();
    return this.event('EXPIRATION', userId, {
      ...this.subscriptionFields(productId, subscription),
      expiration_reason: 'UNSUBSCRIBE',
    });
  }

  /** Every purchase moves from one app user id to another (a restore with "transfer" behaviour). */
  transfer(fromUserId: string, toUserId: string): FakeEvent {
    const from = this.customers.get(fromUserId);
    if (!from) throw new FakeStoreError('no such customer to transfer from');
    this.customers.set(toUserId, from);
    this.customers.delete(fromUserId);
    // TRANSFER has no app_user_id and no product (CONTRACTS §2.4).
    const { app_user_id, original_app_user_id, aliases, ...event } = this.event('TRANSFER', null, {
      transferred_from: [fromUserId],
      transferred_to: [toUserId],
    });
    return event as FakeEvent;
  }

  private latestSubscription(userId: string): [string, FakeSubscription] {
    const entries = Object.entries(this.customers.get(userId)?.subscriptions ?? {});
    const latest = entries.sort(([, a], [, b]) => b.purchase_date.localeCompare(a.purchase_date))[0];
    if (!latest) throw new FakeStoreError('no subscription: buy one first');
    return latest;
  }
}
