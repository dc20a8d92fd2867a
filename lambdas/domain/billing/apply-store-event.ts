/** POST /webhooks/revenuecat's use case: one RevenueCat event applied exactly once, in any order. */
import { isUserId } from '../shared/id-formats';
import type { Clock } from '../shared/clock';
import type { BillingCatalog } from './catalog';
import { decideEffect, grantIdsOf, isSandbox, type Decision } from './event-effects';
import { decideTransfer } from './transfer-effects';
import type { BillingAccount, BillingStore, StoreGrant } from './ports';
import type { StoreEvent } from './store-event';

export interface ApplyStoreEventDeps {
  billing: BillingStore;
  catalog: BillingCatalog;
  now: Clock;
}

/** The most people one event may name (app user id, original id, aliases, a transfer's lists). */
const maxCandidates = 50;

/**
 * Applies one delivery. Primary course:
 *  1. one BatchGetItem: the event's receipt (already applied?), every person it may name, the
 *     grants of its store transaction;
 *  2. resolve the person: `app_user_id`, then `original_app_user_id`, then `aliases`, the first
 *     that is an ACTIVE Pictor account (an anonymous id resolves through its aliases); a
 *     TRANSFER resolves `transferred_from` and `transferred_to`;
 *  3. decide the effect (event-effects.ts); a SANDBOX event on a stage that does not apply them,
 *     or an event for nobody known, has none;
 *  4. one transaction: the receipt, which is the dedupe marker, written with the effect, never
 *     before it, and every write conditioned on what step 1 read.
 * Alternatives: the receipt exists → nothing (a duplicate delivery); something read changed
 * meanwhile (a debit, a concurrent event) → decide again on the state the refusal returned and
 * commit once more (at most 3 requests in all); changed again → throw, RevenueCat retries.
 */
export async function applyStoreEvent(deps: ApplyStoreEventDeps, event: StoreEvent): Promise<'applied' | 'duplicate'> {
  const candidates = candidateIds(event);
  const loaded = await deps.billing.load(event.id, candidates, grantIdsOf(event));
  if (loaded.duplicate) return 'duplicate';
  let accounts = new Map(loaded.accounts.map((account) => [account.userId, account]));
  let grants = new Map(loaded.grants.map((grant) => [grant.grantId, grant]));
  for (let attempt = 1; ; attempt++) {
    const now = deps.now().toISOString();
    const decision = decide(event, deps.catalog, now, accounts, grants);
    const outcome = await deps.billing.commit({
      receipt: {
        eventId: event.id,
        type: event.type,
        eventAt: new Date(event.event_timestamp_ms).toISOString(),
        receivedAt: now,
        environment: event.environment ?? event.purchase_environment ?? null,
        productId: event.product_id ?? null,
        matched: decision.matched,
        effects: decision.effects,
      },
      accounts: decision.accounts,
      grants: decision.grants,
    });
    if (outcome.outcome === 'committed') return 'applied';
    if (outcome.outcome === 'duplicate') return 'duplicate';
    if (attempt >= 2) throw new Error('the state this event applies to kept changing');
    accounts = new Map([...accounts, ...outcome.accounts.map((account) => [account.userId, account] as const)]);
    grants = new Map([...grants, ...outcome.grants.map((grant) => [grant.grantId, grant] as const)]);
  }
}

function decide(
  event: StoreEvent,
  catalog: BillingCatalog,
  now: string,
  accounts: Map<string, BillingAccount>,
  grants: Map<string, StoreGrant>,
): Decision & { matched: boolean } {
  const none = (effect: string, matched: boolean) => ({ effects: [effect], accounts: [], grants: [], matched });
  if (isSandbox(event) && !catalog.applySandbox) return none('sandbox event: not applied on this stage', false);
  const context = { catalog, now, grants };
  if (event.type === 'TRANSFER') {
    const from = firstActive(event.transferred_from, accounts);
    const to = firstActive(event.transferred_to, accounts);
    return { ...decideTransfer(event, from, to, context), matched: !!(from && to) };
  }
  const account = firstActive([event.app_user_id, event.original_app_user_id, ...(event.aliases ?? [])], accounts);
  if (!account) return none('no known person: recorded only', false);
  return { ...decideEffect(event, account, context), matched: true };
}

/** Every id the event may name that could be a Pictor user id, in resolution order, once each. */
export function candidateIds(event: StoreEvent): string[] {
  const named = [
    event.app_user_id,
    event.original_app_user_id,
    ...(event.aliases ?? []),
    ...(event.transferred_from ?? []),
    ...(event.transferred_to ?? []),
  ];
  return [...new Set(named.filter(isUserId))].slice(0, maxCandidates);
}

function firstActive(
  ids: ReadonlyArray<string | null | undefined> | null | undefined,
  accounts: Map<string, BillingAccount>,
): BillingAccount | undefined {
  for (const id of ids ?? []) {
    const account = id ? accounts.get(id) : undefined;
    if (account?.status === 'ACTIVE') return account;
  }
  return undefined;
}
