/**
 * A person's Pro entitlement as RevenueCat's events left it, kept on the profile. It only moves
 * forward: `eventAt` is the newest event applied, and an older event that arrives late changes
 * no state (its credits are still applied once, by their own keys). Pure domain code.
 */

export type SubscriptionStatus =
  /** Paid and renewing (or a trial). */
  | 'active'
  /** Auto-renew off: access until `accessUntil`. */
  | 'cancelled'
  /** A billing issue: access through the store's grace period. */
  | 'grace'
  /** Paused (Play): no revocation, access until the period's end. */
  | 'paused'
  /** A store outage grant (≤ 24 h): access, never credits. */
  | 'temporary'
  | 'expired'
  /** Refunded: access ends at once. */
  | 'refunded';

export interface SubscriptionState {
  entitlement: string;
  productId: string | null;
  status: SubscriptionStatus;
  /** When access ends (ISO); null: unknown, no access. */
  accessUntil: string | null;
  periodEndsAt: string | null;
  willRenew: boolean;
  store: string | null;
  sandbox: boolean;
  /** event_timestamp_ms of the newest event applied: the watermark. */
  eventAt: number;
}

/** GET /v1/me's `plan`. */
export interface PlanView {
  entitlement: string;
  active: boolean;
  status: SubscriptionStatus;
  productId: string | null;
  accessUntil: string | null;
  periodEndsAt: string | null;
  willRenew: boolean;
  store: string | null;
  sandbox: boolean;
}

/** Whether the entitlement gives access at `now` (ISO). */
export function hasAccess(subscription: SubscriptionState, now: string): boolean {
  if (subscription.status === 'expired' || subscription.status === 'refunded') return false;
  return subscription.accessUntil !== null && subscription.accessUntil > now;
}

export function toPlanView(subscription: SubscriptionState | undefined, now: string): PlanView | null {
  if (!subscription) return null;
  const { entitlement, status, productId, accessUntil, periodEndsAt, willRenew, store, sandbox } = subscription;
  return {
    entitlement,
    active: hasAccess(subscription, now),
    status,
    productId,
    accessUntil,
    periodEndsAt,
    willRenew,
    store,
    sandbox,
  };
}
