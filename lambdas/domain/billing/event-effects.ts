/**
 * What each RevenueCat event does (docs/subscriptions.md, "Event → effect"), decided from the
 * event, the catalog and the state read: the entitlement (forward only, by event time), the
 * credits (once per store transaction, by grant id), nothing for the rest. Pure: it returns the
 * changes, the use case commits them in one transaction with the receipt.
 */
import { expiryEntryId, liveAllowance } from '../credits/wallet';
import type { LedgerEntry } from '../profile/profile';
import { findProduct, periodAllowance, type BillingCatalog } from './catalog';
import type { AccountChange, BillingAccount, StoreGrant } from './ports';
import type { StoreEvent } from './store-event';
import type { SubscriptionState, SubscriptionStatus } from './subscription';

export interface EffectContext {
  catalog: BillingCatalog;
  /** ISO. */
  now: string;
  grants: Map<string, StoreGrant>;
}

export interface Decision {
  effects: string[];
  accounts: AccountChange[];
  grants: Array<{ grant: StoreGrant; seen?: StoreGrant }>;
}

/** The grants an event may touch, read before deciding. */
export function grantIdsOf(event: StoreEvent): string[] {
  const ids: string[] = [];
  if (event.transaction_id) ids.push(periodGrantId(event.transaction_id), packGrantId(event.transaction_id));
  if (event.virtual_currency_transaction_id) ids.push(`vc:${event.virtual_currency_transaction_id}`);
  return ids;
}

/** Keyed on the store transaction: a renewal has its own, a restore or a retry the same (CONTRACTS-2 §1.2). */
export const periodGrantId = (transactionId: string) => `sub:${transactionId}`;
export const packGrantId = (transactionId: string) => `pack:${transactionId}`;

/** An epoch-milliseconds store time as ISO, null when the store gave none. */
export const isoFromMs = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** The store's environment, as either field names it. */
export function isSandbox(event: StoreEvent): boolean {
  return (event.environment ?? event.purchase_environment) === 'SANDBOX';
}

/** Decides the effect of `event` on `account` (the person it resolved to). */
export function decideEffect(event: StoreEvent, account: BillingAccount, context: EffectContext): Decision {
  const decision = new DecisionBuilder(event, account, context);
  switch (event.type) {
    case 'INITIAL_PURCHASE':
    case 'RENEWAL':
      decision.subscriptionState('active', { willRenew: true, access: event.expiration_at_ms });
      decision.grantPeriod();
      break;
    case 'NON_RENEWING_PURCHASE':
      decision.grantPack();
      break;
    case 'CANCELLATION':
      if (event.cancel_reason === 'CUSTOMER_SUPPORT') decision.refund();
      else decision.subscriptionState('cancelled', { willRenew: false });
      break;
    case 'REFUND_REVERSED':
      decision.reverseRefund();
      break;
    case 'UNCANCELLATION':
      decision.subscriptionState('active', { willRenew: true });
      break;
    case 'SUBSCRIPTION_EXTENDED':
      decision.subscriptionState(undefined, { access: event.expiration_at_ms });
      break;
    case 'PRODUCT_CHANGE':
      // The companion RENEWAL (App Store) or INITIAL_PURCHASE (Play) carries the period and its grant.
      decision.subscriptionState(undefined, { productId: event.new_product_id ?? event.product_id ?? null });
      break;
    case 'TEMPORARY_ENTITLEMENT_GRANT':
      // Access, never credits: the purchase that follows may carry another transaction id.
      decision.subscriptionState('temporary', { access: event.expiration_at_ms });
      break;
    case 'BILLING_ISSUE':
      decision.subscriptionState('grace', { access: event.grace_period_expiration_at_ms ?? event.expiration_at_ms });
      break;
    case 'SUBSCRIPTION_PAUSED':
      decision.subscriptionState('paused', { willRenew: false });
      break;
    case 'EXPIRATION':
      if (decision.subscriptionState('expired', { willRenew: false, access: event.event_timestamp_ms })) {
        decision.expireAllowance();
      }
      break;
    case 'VIRTUAL_CURRENCY_TRANSACTION':
      decision.virtualCurrency();
      break;
    default:
      // TEST, EXPERIMENT_ENROLLMENT, INVOICE_ISSUANCE, SUBSCRIBER_ALIAS, paywall events, types not yet known.
      decision.note('no effect for this type');
  }
  return decision.result();
}

class DecisionBuilder {
  private readonly effects: string[] = [];
  private readonly grants: Decision['grants'] = [];
  private readonly change: AccountChange;

  constructor(
    private readonly event: StoreEvent,
    private readonly account: BillingAccount,
    private readonly context: EffectContext,
  ) {
    this.change = { seen: account, purchasedDelta: 0, ledger: [] };
  }

  note(effect: string) {
    this.effects.push(effect);
  }

  result(): Decision {
    const changed =
      this.change.subscription !== undefined ||
      this.change.purchasedDelta !== 0 ||
      this.change.allowance !== undefined ||
      this.change.ledger.length > 0;
    return { effects: this.effects, accounts: changed ? [this.change] : [], grants: this.grants };
  }

  private get product() {
    return findProduct(this.context.catalog, this.event.product_id);
  }

  private get fromPurchaseEvents() {
    return this.context.catalog.creditSource === 'purchaseEvents';
  }

  /**
   * Moves the entitlement forward when this event is not older than the newest one applied;
   * answers whether it did. Only products of the catalog, or events naming its entitlement, count.
   */
  subscriptionState(
    status: SubscriptionStatus | undefined,
    fields: { willRenew?: boolean; access?: number | null; productId?: string | null },
  ): boolean {
    const { event, context } = this;
    const entitlement = context.catalog.entitlement;
    const ours =
      this.product?.kind === 'subscription' ||
      (event.entitlement_ids ?? []).includes(entitlement) ||
      findProduct(context.catalog, event.new_product_id)?.kind === 'subscription';
    if (!ours) {
      this.note('not a product of the catalog');
      return false;
    }
    const current = this.change.subscription ?? this.account.subscription;
    if (current && event.event_timestamp_ms < current.eventAt) {
      this.note('older than the entitlement state: state unchanged');
      return false;
    }
    const access = fields.access === undefined ? undefined : isoFromMs(fields.access);
    const next: SubscriptionState = {
      entitlement,
      productId: fields.productId !== undefined ? fields.productId : (event.product_id ?? current?.productId ?? null),
      status: status ?? current?.status ?? 'active',
      accessUntil: access !== undefined ? access : (current?.accessUntil ?? null),
      periodEndsAt:
        event.type === 'INITIAL_PURCHASE' || event.type === 'RENEWAL' || event.type === 'SUBSCRIPTION_EXTENDED'
          ? isoFromMs(event.expiration_at_ms)
          : (current?.periodEndsAt ?? isoFromMs(event.expiration_at_ms)),
      willRenew: fields.willRenew ?? current?.willRenew ?? false,
      store: event.store ?? current?.store ?? null,
      sandbox: isSandbox(event),
      eventAt: event.event_timestamp_ms,
    };
    this.change.subscription = next;
    this.note(`entitlement ${next.status}${next.accessUntil ? ` until ${next.accessUntil}` : ''}`);
    return true;
  }

  private entry(kind: LedgerEntry['kind'], entryId: string, amount: number, fromAllowance?: number): LedgerEntry {
    const { event, account, context } = this;
    return {
      entryId,
      userId: account.userId,
      kind,
      amount,
      ...(fromAllowance ? { fromAllowance } : {}),
      ...(event.store ? { store: event.store } : {}),
      ...(event.product_id ? { productId: event.product_id } : {}),
      ...(event.transaction_id ? { transactionId: event.transaction_id } : {}),
      // The money side of a sale or a refund; an expiry moves no money.
      ...(kind !== 'EXPIRY' && typeof event.price_in_purchased_currency === 'number' && event.currency
        ? { price: event.price_in_purchased_currency, currency: event.currency }
        : {}),
      ...(isSandbox(event) ? { sandbox: true } : {}),
      createdAt: context.now,
    };
  }

  private newGrant(grantId: string, kind: StoreGrant['kind'], credits: number, state: StoreGrant['state'] = 'GRANTED') {
    this.grants.push({ grant: { grantId, kind, credits, state, updatedAt: this.context.now } });
  }

  /** A subscription period's allowance, once per transaction; it replaces what is left of the last one. */
  grantPeriod() {
    const { event, context, account } = this;
    const product = this.product;
    if (product?.kind !== 'subscription' || !event.transaction_id) return;
    if (!this.fromPurchaseEvents) return this.note('credits come from virtual currency events');
    const grantId = periodGrantId(event.transaction_id);
    if (context.grants.has(grantId)) return this.note('period already granted');
    const credits = periodAllowance(context.catalog, product, event.period_type === 'TRIAL');
    const endsAt = isoFromMs(event.expiration_at_ms);
    const wallet = account.wallet;
    // A period that ended, or one older than the allowance held: granting it would only expire it.
    if (!endsAt || endsAt <= context.now || (wallet.allowanceExpiresAt && wallet.allowanceExpiresAt > endsAt)) {
      this.newGrant(grantId, 'allowance', 0);
      return this.note('period over or superseded: nothing granted');
    }
    const left = wallet.allowance ?? 0;
    if (left > 0) {
      const expiry = this.entry('EXPIRY', expiryEntryId(wallet.allowanceGrantId), -left, -left);
      // Dated at the old end when it has passed: the same entry /v1/credits showed as pending.
      if (wallet.allowanceExpiresAt && wallet.allowanceExpiresAt < context.now)
        expiry.createdAt = wallet.allowanceExpiresAt;
      this.change.ledger.push(expiry);
      this.note(`allowance -${left} expired`);
    }
    this.change.allowance = { amount: credits, expiresAt: endsAt, grantId };
    this.change.ledger.push(this.entry('ALLOWANCE_GRANT', grantId, credits, credits));
    this.newGrant(grantId, 'allowance', credits);
    this.note(`allowance +${credits} until ${endsAt}`);
  }

  grantPack() {
    const { event, context } = this;
    const product = this.product;
    if (product?.kind !== 'consumable' || !event.transaction_id) return this.note('not a pack of the catalog');
    if (!this.fromPurchaseEvents) return this.note('credits come from virtual currency events');
    const grantId = packGrantId(event.transaction_id);
    if (context.grants.has(grantId)) return this.note('pack already granted');
    this.change.purchasedDelta += product.credits;
    this.change.ledger.push(this.entry('PACK_PURCHASE', grantId, product.credits));
    this.newGrant(grantId, 'pack', product.credits);
    this.note(`purchased +${product.credits}`);
  }

  /** A refund (CANCELLATION with CUSTOMER_SUPPORT): claw back what the transaction granted, never below zero. */
  refund() {
    const { event, context, account } = this;
    if (!event.transaction_id) return this.note('refund without a transaction');
    if (this.product?.kind === 'subscription' || !this.product) {
      this.subscriptionState('refunded', { willRenew: false, access: event.event_timestamp_ms });
    }
    const grant =
      context.grants.get(periodGrantId(event.transaction_id)) ?? context.grants.get(packGrantId(event.transaction_id));
    if (!grant) {
      // The refund came first: the purchase, when it arrives, finds its grant taken and grants nothing.
      const kind = this.product?.kind === 'consumable' ? 'pack' : 'allowance';
      const grantId = kind === 'pack' ? packGrantId(event.transaction_id) : periodGrantId(event.transaction_id);
      this.newGrant(grantId, kind, 0, 'REFUNDED');
      return this.note('refund before its purchase: the purchase will grant nothing');
    }
    if (grant.state !== 'GRANTED') return this.note('already refunded');
    const wallet = account.wallet;
    const ownAllowance = wallet.allowanceGrantId === grant.grantId ? liveAllowance(wallet, context.now) : 0;
    const fromAllowance = grant.kind === 'allowance' ? Math.min(grant.credits, ownAllowance) : 0;
    const fromPurchased = Math.min(grant.credits - fromAllowance, wallet.purchased);
    const shortfall = grant.credits - fromAllowance - fromPurchased;
    const clawed = fromAllowance + fromPurchased;
    if (fromAllowance > 0)
      this.change.allowance = { ...allowanceOf(wallet), amount: (wallet.allowance ?? 0) - fromAllowance };
    this.change.purchasedDelta -= fromPurchased;
    if (clawed > 0)
      this.change.ledger.push(this.entry('STORE_REFUND', `refund-${grant.grantId}`, -clawed, -fromAllowance));
    this.grants.push({
      grant: {
        ...grant,
        state: 'REFUNDED',
        clawed: { allowance: fromAllowance, purchased: fromPurchased },
        shortfall,
        updatedAt: context.now,
      },
      seen: grant,
    });
    this.note(`clawed back ${clawed}${shortfall > 0 ? `, shortfall ${shortfall} (abuse signal)` : ''}`);
  }

  reverseRefund() {
    const { event, context, account } = this;
    if (!event.transaction_id) return this.note('reversal without a transaction');
    const grant =
      context.grants.get(periodGrantId(event.transaction_id)) ?? context.grants.get(packGrantId(event.transaction_id));
    if (grant?.kind === 'allowance' || (!grant && this.product?.kind === 'subscription')) {
      this.subscriptionState('active', { access: event.expiration_at_ms });
    }
    if (grant?.state !== 'REFUNDED' || !grant) return this.note('nothing refunded to reverse');
    const clawed = grant.clawed ?? { allowance: 0, purchased: 0 };
    const wallet = account.wallet;
    // The allowance part goes back only to the same, still live allowance; an ended one would expire it at once.
    const sameLiveAllowance =
      wallet.allowanceGrantId === grant.grantId &&
      !!wallet.allowanceExpiresAt &&
      wallet.allowanceExpiresAt > context.now;
    const toAllowance = sameLiveAllowance ? clawed.allowance : 0;
    if (toAllowance > 0)
      this.change.allowance = { ...allowanceOf(wallet), amount: (wallet.allowance ?? 0) + toAllowance };
    this.change.purchasedDelta += clawed.purchased;
    const given = toAllowance + clawed.purchased;
    if (given > 0)
      this.change.ledger.push(this.entry('REFUND_REVERSED', `reversal-${grant.grantId}`, given, toAllowance));
    this.grants.push({ grant: { ...grant, state: 'REVERSED', updatedAt: context.now }, seen: grant });
    this.note(`refund reversed: +${given}`);
  }

  /** EXPIRATION: access ends and what is left of the allowance expires. */
  expireAllowance() {
    const { context, account } = this;
    const left = liveAllowance(account.wallet, context.now);
    if (left === 0) return;
    // Ended now, not at the period's end: a late refund of a generation must not refill it.
    this.change.allowance = { ...allowanceOf(account.wallet), amount: 0, expiresAt: context.now };
    this.change.ledger.push(this.entry('EXPIRY', expiryEntryId(account.wallet.allowanceGrantId), -left, -left));
    this.note(`allowance -${left} expired`);
  }

  /** Credits from RevenueCat virtual currency, once per its transaction id, on stages that credit from it. */
  virtualCurrency() {
    const { event, context, account } = this;
    if (context.catalog.creditSource !== 'virtualCurrency') return this.note('credits come from purchase events');
    const id = event.virtual_currency_transaction_id;
    if (!id) return this.note('no virtual currency transaction');
    const grantId = `vc:${id}`;
    if (context.grants.has(grantId)) return this.note('already applied');
    const amount = (event.adjustments ?? [])
      .filter((adjustment) => adjustment.currency.code === context.catalog.virtualCurrency)
      .reduce((sum, adjustment) => sum + adjustment.amount, 0);
    const applied = amount >= 0 ? amount : -Math.min(-amount, account.wallet.purchased);
    if (applied !== 0) {
      this.change.purchasedDelta += applied;
      this.change.ledger.push(this.entry(applied > 0 ? 'PACK_PURCHASE' : 'STORE_REFUND', grantId, applied));
    }
    this.newGrant(grantId, 'currency', applied);
    this.note(
      `purchased ${applied >= 0 ? '+' : ''}${applied}${applied !== amount ? `, shortfall ${applied - amount}` : ''}`,
    );
  }
}

/** The wallet's allowance as a change sets it. */
export function allowanceOf(wallet: BillingAccount['wallet']) {
  return { amount: wallet.allowance ?? 0, expiresAt: wallet.allowanceExpiresAt, grantId: wallet.allowanceGrantId };
}
