/**
 * The store-event rules with an in-memory BillingStore: what each event type does to the
 * entitlement and the wallet, once, in any order, and what the use case commits.
 */
import { applyStoreEvent } from '../../../lambdas/domain/billing/apply-store-event';
import type { BillingCatalog } from '../../../lambdas/domain/billing/catalog';
import type {
  BillingAccount,
  BillingStore,
  CommitOutcome,
  StoreEventCommit,
  StoreGrant,
} from '../../../lambdas/domain/billing/ports';
import type { StoreEvent } from '../../../lambdas/domain/billing/store-event';

const now = new Date('2026-12-03T12:00:00.000Z');
const day = 86_400_000;

const catalog: BillingCatalog = {
  entitlement: 'pro',
  monthlyAllowance: 200,
  trialAllowance: 20,
  creditSource: 'purchaseEvents',
  applySandbox: false,
  products: [
    { kind: 'subscription', id: 'pro_monthly' },
    { kind: 'consumable', id: 'credits_100', credits: 100 },
  ],
};

/** Applies commits to maps, as the table would, and can refuse the next commit as stale once. */
class MemoryBillingStore implements BillingStore {
  receipts = new Map<string, StoreEventCommit['receipt']>();
  accounts = new Map<string, BillingAccount>();
  grants = new Map<string, StoreGrant>();
  commits: StoreEventCommit[] = [];
  staleNext?: BillingAccount;

  async load(eventId: string, userIds: string[], grantIds: string[]) {
    return {
      duplicate: this.receipts.has(eventId),
      accounts: userIds.flatMap((id) => (this.accounts.has(id) ? [structuredClone(this.accounts.get(id)!)] : [])),
      grants: grantIds.flatMap((id) => (this.grants.has(id) ? [structuredClone(this.grants.get(id)!)] : [])),
    };
  }

  async commit(commit: StoreEventCommit): Promise<CommitOutcome> {
    this.commits.push(commit);
    if (this.receipts.has(commit.receipt.eventId)) return { outcome: 'duplicate' };
    if (this.staleNext) {
      const fresh = this.staleNext;
      this.staleNext = undefined;
      this.accounts.set(fresh.userId, fresh);
      return { outcome: 'stale', accounts: [structuredClone(fresh)], grants: [] };
    }
    this.receipts.set(commit.receipt.eventId, commit.receipt);
    for (const change of commit.accounts) {
      const account = this.accounts.get(change.seen.userId)!;
      if (change.subscription) account.subscription = change.subscription;
      account.wallet.purchased += change.purchasedDelta;
      if (change.allowance) {
        account.wallet.allowance = change.allowance.amount;
        account.wallet.allowanceExpiresAt = change.allowance.expiresAt;
        account.wallet.allowanceGrantId = change.allowance.grantId;
      }
    }
    for (const { grant } of commit.grants) this.grants.set(grant.grantId, grant);
    return { outcome: 'committed' };
  }
}

let store: MemoryBillingStore;
const deps = (overrides: Partial<BillingCatalog> = {}) => ({
  billing: store,
  catalog: { ...catalog, ...overrides },
  now: () => now,
});

function event(type: string, fields: Partial<StoreEvent> = {}): StoreEvent {
  return {
    id: `evt-${Math.random()}`,
    type,
    event_timestamp_ms: now.getTime(),
    app_user_id: 'ann',
    environment: 'PRODUCTION',
    store: 'APP_STORE',
    ...fields,
  };
}

const purchase = (transaction: string, fields: Partial<StoreEvent> = {}) =>
  event('INITIAL_PURCHASE', {
    product_id: 'pro_monthly',
    entitlement_ids: ['pro'],
    period_type: 'NORMAL',
    transaction_id: transaction,
    expiration_at_ms: now.getTime() + 30 * day,
    ...fields,
  });

beforeEach(() => {
  store = new MemoryBillingStore();
  store.accounts.set('ann', { userId: 'ann', status: 'ACTIVE', wallet: { purchased: 20 } });
  store.accounts.set('bob', { userId: 'bob', status: 'ACTIVE', wallet: { purchased: 0 } });
});

const ann = () => store.accounts.get('ann')!;

describe('applying a store event', () => {
  it(
    'grants a period allowance once per transaction, even ' + 'when the purchase is replayed under a new event id',
    async () => {
      await applyStoreEvent(deps(), purchase('t1'));
      await applyStoreEvent(deps(), purchase('t1'));

      expect(ann().wallet).toMatchObject({ purchased: 20, allowance: 200, allowanceGrantId: 'sub:t1' });
      expect(store.commits[1].accounts.flatMap((change) => change.ledger)).toEqual([]);
    },
  );

  it('grants the trial allowance for a trial period', async () => {
    await applyStoreEvent(deps(), purchase('t1', { period_type: 'TRIAL' }));

    expect(ann().wallet.allowance).toBe(20);
  });

  it('commits nothing for a duplicate delivery', async () => {
    const first = purchase('t1');
    await applyStoreEvent(deps(), first);

    expect(await applyStoreEvent(deps(), first)).toBe('duplicate');
    expect(store.commits).toHaveLength(1);
  });

  it('grants no credits on PRODUCT_CHANGE or TEMPORARY_ENTITLEMENT_GRANT, only entitlement state', async () => {
    await applyStoreEvent(
      deps(),
      event('TEMPORARY_ENTITLEMENT_GRANT', {
        product_id: 'pro_monthly',
        transaction_id: 'x',
        expiration_at_ms: now.getTime() + day,
      }),
    );
    await applyStoreEvent(
      deps(),
      event('PRODUCT_CHANGE', { product_id: 'pro_monthly', new_product_id: 'pro_monthly', transaction_id: 'y' }),
    );

    expect(ann().wallet).toEqual({ purchased: 20 });
    expect(ann().subscription).toMatchObject({ status: 'temporary', entitlement: 'pro' });
  });

  it('ignores sandbox events on a stage that does not apply them, recording the receipt', async () => {
    await applyStoreEvent(deps(), purchase('t1', { environment: 'SANDBOX' }));

    expect(ann().wallet).toEqual({ purchased: 20 });
    expect(store.commits[0]).toMatchObject({ accounts: [], receipt: { matched: false } });
  });

  it(
    'credits from virtual currency once per its transaction on ' +
      'a stage that credits from it, and not from the purchase',
    async () => {
      const vc = deps({ creditSource: 'virtualCurrency', virtualCurrency: 'CRD' });
      const currency = event('VIRTUAL_CURRENCY_TRANSACTION', {
        environment: undefined,
        purchase_environment: 'PRODUCTION',
        virtual_currency_transaction_id: 'vatx1',
        adjustments: [
          { amount: 100, currency: { code: 'CRD' } },
          { amount: 5, currency: { code: 'GEM' } },
        ],
      });

      await applyStoreEvent(vc, purchase('t1'));
      await applyStoreEvent(vc, currency);
      await applyStoreEvent(vc, { ...currency, id: 'another-delivery' });

      expect(ann().wallet).toMatchObject({ purchased: 120 });
      expect(ann().wallet.allowance).toBeUndefined();
    },
  );

  it('never credits from virtual currency on a stage that credits from purchase events', async () => {
    await applyStoreEvent(
      deps(),
      event('VIRTUAL_CURRENCY_TRANSACTION', {
        virtual_currency_transaction_id: 'v',
        adjustments: [{ amount: 100, currency: { code: 'CRD' } }],
      }),
    );

    expect(ann().wallet).toEqual({ purchased: 20 });
  });

  it('claws back a refunded pack never below zero, and restores exactly what it took once on reversal', async () => {
    await applyStoreEvent(deps(), event('NON_RENEWING_PURCHASE', { product_id: 'credits_100', transaction_id: 'p1' }));
    ann().wallet.purchased = 50; // 70 were spent
    await applyStoreEvent(
      deps(),
      event('CANCELLATION', { cancel_reason: 'CUSTOMER_SUPPORT', product_id: 'credits_100', transaction_id: 'p1' }),
    );
    expect(ann().wallet.purchased).toBe(0);
    expect(store.grants.get('pack:p1')).toMatchObject({ state: 'REFUNDED', shortfall: 50, clawed: { purchased: 50 } });

    await applyStoreEvent(deps(), event('REFUND_REVERSED', { product_id: 'credits_100', transaction_id: 'p1' }));
    await applyStoreEvent(deps(), event('REFUND_REVERSED', { product_id: 'credits_100', transaction_id: 'p1' }));
    expect(ann().wallet.purchased).toBe(50);
  });

  it('keeps an ordinary cancellation to auto-renew off, access until expiry', async () => {
    await applyStoreEvent(deps(), purchase('t1', { event_timestamp_ms: now.getTime() - 1000 }));
    await applyStoreEvent(
      deps(),
      event('CANCELLATION', { cancel_reason: 'UNSUBSCRIBE', product_id: 'pro_monthly', entitlement_ids: ['pro'] }),
    );

    expect(ann().subscription).toMatchObject({
      status: 'cancelled',
      willRenew: false,
      accessUntil: new Date(now.getTime() + 30 * day).toISOString(),
    });
    expect(ann().wallet.allowance).toBe(200);
  });

  it('decides again on the fresh state when a debit changed the wallet between read and write', async () => {
    store.staleNext = { userId: 'ann', status: 'ACTIVE', wallet: { purchased: 7 } };

    await applyStoreEvent(deps(), purchase('t1'));

    expect(store.commits).toHaveLength(2);
    expect(store.commits[1].accounts[0].seen.wallet.purchased).toBe(7);
    expect(ann().wallet).toMatchObject({ purchased: 7, allowance: 200 });
  });

  it('resolves no one for an id that is not a Pictor user id, and records the event', async () => {
    await applyStoreEvent(
      deps(),
      purchase('t1', { app_user_id: '$RCAnonymousID:abc', original_app_user_id: null, aliases: null }),
    );

    expect(store.commits[0]).toMatchObject({
      accounts: [],
      receipt: { matched: false, effects: ['no known person: recorded only'] },
    });
  });

  it('moves the entitlement and the unused allowance on TRANSFER, leaving nothing with the sender', async () => {
    await applyStoreEvent(deps(), purchase('t1', { event_timestamp_ms: now.getTime() - 1000 }));

    await applyStoreEvent(
      deps(),
      event('TRANSFER', { app_user_id: undefined, transferred_from: ['ann'], transferred_to: ['bob'] }),
    );

    expect(ann().wallet.allowance).toBe(0);
    expect(ann().subscription?.status).toBe('expired');
    expect(store.accounts.get('bob')).toMatchObject({ wallet: { allowance: 200 }, subscription: { status: 'active' } });
  });
});
