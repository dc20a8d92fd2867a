/**
 * POST /v1/me/subscription/sync's use case, and the daily reconciliation's per-person step:
 * what RevenueCat's REST API shows, applied as the webhook would have applied it.
 */
import { applyStoreEvent, type ApplyStoreEventDeps } from './apply-store-event';
import type { StoreCustomers, StoreEventReceipts, SyncCooldown } from './ports';
import { eventsFromCustomer } from './store-customer';

/** How often one person may sync: enough for "Restore purchases" twice, not a loop on RevenueCat. */
export const syncCooldownSeconds = 60;

export interface ReconcileCustomerDeps extends ApplyStoreEventDeps {
  customers: StoreCustomers;
  receipts: StoreEventReceipts;
}

export interface SyncSubscriptionDeps extends ReconcileCustomerDeps {
  cooldown: SyncCooldown;
}

/** What a reconciliation did: the derived events it applied (each a no-op when a webhook got there first). */
export interface ReconcileResult {
  applied: number;
}

/**
 * Syncs the caller's subscription. Primary course:
 *  1. claim the cooldown on the profile (one conditional write, with the account guard);
 *  2. reconcile the customer (`reconcileCustomer`).
 * Alternatives: synced less than a minute ago → 429 `sync_cooldown` with Retry-After; RevenueCat
 * slow or down → 503 `store_unavailable`, RevenueCat throttling → 429 `store_rate_limited`, in
 * both cases before any billing write (nothing changed).
 */
export async function syncSubscription(deps: SyncSubscriptionDeps, userId: string): Promise<ReconcileResult> {
  await deps.cooldown.claim(userId, deps.now().toISOString(), syncCooldownSeconds);
  return reconcileCustomer(deps, userId);
}

/**
 * Reconciles one person. Primary course:
 *  1. read the customer from RevenueCat (the REST client's retries and timeouts);
 *  2. derive the events a webhook would have delivered (store-customer.ts), each keyed on the
 *     same store transaction as the webhook's;
 *  3. one BatchGetItem of their receipts: a derived event already applied is skipped;
 *  4. apply the rest in time order, each exactly as a delivery (`applyStoreEvent`): its grant
 *     exists when the webhook came first, so it grants nothing and only records its receipt.
 */
export async function reconcileCustomer(deps: ReconcileCustomerDeps, userId: string): Promise<ReconcileResult> {
  const customer = await deps.customers.customer(userId);
  if (!customer) return { applied: 0 };
  const events = eventsFromCustomer(userId, customer, deps.now().getTime());
  if (events.length === 0) return { applied: 0 };
  const done = await deps.receipts.applied(events.map((event) => event.id));
  let applied = 0;
  for (const event of events) {
    if (done.has(event.id)) continue;
    if ((await applyStoreEvent(deps, event)) === 'applied') applied += 1;
  }
  return { applied };
}
