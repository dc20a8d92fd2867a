/**
 * POST /webhooks/revenuecat end to end on the local stack: deliveries shaped like CONTRACTS
 * §2.4's samples, posted with the local webhook authorization, against DynamoDB Local. Every
 * event applies once, in any order; the balance always equals the ledger's sum.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { envNames } from '../../lambdas/shared/config';
import { localWebhookAuthorization } from '../../local/secrets';
import { countDynamoRequests, ledgerOf, signedIn } from '../support/generation-flow';
import { startTestApi, type TestApi } from '../support/local-api';
import { day, delivery, packEvent, periodEvent, postDelivery, refundEvent } from '../support/revenuecat-deliveries';

interface MeBody {
  credits: { balance: number; allowance: number; purchased: number; allowanceExpiresAt: string | null };
  plan: { entitlement: string; active: boolean; status: string; productId: string | null; willRenew: boolean } | null;
}

let api: TestApi;
const dynamo = countDynamoRequests();
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = () => process.env[envNames.tableName]!;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

/** A signed-in person with a profile (20 starter credits). */
async function subscriber() {
  const person = await signedIn(api);
  expect((await api.request('GET', '/v1/me', { token: person.token })).status).toBe(200);
  return person;
}

async function meOf(token: string): Promise<MeBody> {
  return (await api.request('GET', '/v1/me', { token })).json as MeBody;
}

async function deliver(body: unknown) {
  const response = await postDelivery(api, body);
  expect(response.status).toBe(200);
  return response.json as { status: string };
}

const sum = (entries: Array<{ amount: number }>) => entries.reduce((total, entry) => total + entry.amount, 0);

async function expectBalanceIsLedgerSum(token: string, userId: string) {
  const credits = (await api.request('GET', '/v1/credits?limit=50', { token })).json as {
    balance: number;
    entries: Array<{ amount: number }>;
  };
  expect(sum(credits.entries)).toBe(credits.balance);
  // The ledger as stored, with any EXPIRY still owed shown by the first page, adds up too.
  expect(credits.balance).toBeGreaterThanOrEqual(0);
  expect(sum(await ledgerOf(userId))).toBeGreaterThanOrEqual(credits.balance);
}

describe('the webhook authorization', () => {
  it.each([
    ['missing', null],
    ['wrong', 'Bearer not-the-secret'],
    ['the secret with one character more', `${localWebhookAuthorization}x`],
    ['a prefix of the secret', localWebhookAuthorization.slice(0, -1)],
    ['the secret without its scheme', localWebhookAuthorization.replace(/^Bearer /, '')],
  ])('answers 401 to a %s header and touches no table', async (_case, authorization) => {
    const { sub } = await subscriber();
    dynamo.reset();

    const response = await postDelivery(
      api,
      periodEvent('INITIAL_PURCHASE', sub, randomUUID(), Date.now()),
      authorization,
    );

    expect(response.status).toBe(401);
    expect((response.json as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect(dynamo.names).toEqual([]);
  });
});

describe('buying Pro', () => {
  it(
    'shows the plan and the allowance, applies a duplicate ' + 'delivery once, in at most 3 DynamoDB requests',
    async () => {
      const { token, sub } = await subscriber();
      const purchase = periodEvent('INITIAL_PURCHASE', sub, randomUUID(), Date.now());

      dynamo.reset();
      expect(await deliver(purchase)).toEqual({ status: 'applied' });
      // A BatchGetItem and one transaction (a transaction counts one).
      expect(dynamo.names).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
      expect(await deliver(purchase)).toEqual({ status: 'duplicate' });

      const me = await meOf(token);
      expect(me.plan).toMatchObject({
        entitlement: 'pro',
        active: true,
        status: 'active',
        productId: 'pro_monthly',
        willRenew: true,
      });
      expect(me.credits).toMatchObject({ balance: 220, allowance: 200, purchased: 20 });
      expect((await ledgerOf(sub)).filter((entry) => entry.kind === 'ALLOWANCE_GRANT')).toHaveLength(1);
      await expectBalanceIsLedgerSum(token, sub);
    },
  );

  it('replaces the allowance on renewal: the unused part expires in the ledger', async () => {
    const { token, sub } = await subscriber();
    const start = Date.now() - 29 * day;
    await deliver(periodEvent('INITIAL_PURCHASE', sub, randomUUID(), start, { expiration_at_ms: Date.now() + day }));

    await deliver(periodEvent('RENEWAL', sub, randomUUID(), Date.now()));

    expect((await meOf(token)).credits).toMatchObject({ allowance: 200, purchased: 20 });
    const ledger = await ledgerOf(sub);
    expect(ledger.filter((entry) => entry.kind === 'EXPIRY')).toEqual([expect.objectContaining({ amount: -200 })]);
    expect(ledger.filter((entry) => entry.kind === 'ALLOWANCE_GRANT')).toHaveLength(2);
    expect(sum(ledger)).toBe(220);
  });

  it('resolves an anonymous app user id through its aliases', async () => {
    const { token, sub } = await subscriber();
    const anonymous = `$RCAnonymousID:${randomUUID()}`;

    await deliver(
      periodEvent('INITIAL_PURCHASE', anonymous, randomUUID(), Date.now(), {
        original_app_user_id: anonymous,
        aliases: [anonymous, sub],
      }),
    );

    expect((await meOf(token)).plan?.active).toBe(true);
  });

  it('records an event for nobody known and answers 200', async () => {
    const event = periodEvent('INITIAL_PURCHASE', `nobody-${randomUUID()}`, randomUUID(), Date.now());

    expect(await deliver(event)).toEqual({ status: 'applied' });

    const { Item } = await db.send(new GetCommand({ TableName: table(), Key: keys.storeEventReceipt(event.event.id) }));
    expect(Item).toMatchObject({ type: 'INITIAL_PURCHASE', matched: false });
    expect(JSON.stringify(Item)).not.toContain('nobody-');
  });
});

describe('packs and refunds', () => {
  it('adds a pack once per transaction, claws it back on refund and gives it back once on reversal', async () => {
    const { token, sub } = await subscriber();
    const transaction = randomUUID();
    const pack = packEvent(sub, transaction);

    await deliver(pack);
    await deliver({ ...pack, event: { ...pack.event, id: randomUUID() } });
    expect((await meOf(token)).credits).toMatchObject({ purchased: 120, allowance: 0 });

    await deliver(refundEvent(sub, transaction, 'credits_100'));
    expect((await meOf(token)).credits.purchased).toBe(20);

    const reversal = delivery('REFUND_REVERSED', sub, {
      product_id: 'credits_100',
      transaction_id: transaction,
      price: 4.99,
    });
    await deliver(reversal);
    await deliver({ ...reversal, event: { ...reversal.event, id: randomUUID() } });
    expect((await meOf(token)).credits.purchased).toBe(120);
    await expectBalanceIsLedgerSum(token, sub);
  });

  it('claws back a refunded period and ends access at once', async () => {
    const { token, sub } = await subscriber();
    const transaction = randomUUID();
    await deliver(periodEvent('INITIAL_PURCHASE', sub, transaction, Date.now() - 1000));

    await deliver(refundEvent(sub, transaction, 'pro_monthly'));

    const me = await meOf(token);
    expect(me.plan).toMatchObject({ active: false, status: 'refunded' });
    expect(me.credits).toMatchObject({ allowance: 0, purchased: 20 });
  });

  it('grants nothing to a purchase whose refund arrived first', async () => {
    const { token, sub } = await subscriber();
    const transaction = randomUUID();
    const now = Date.now();

    await deliver(refundEvent(sub, transaction, 'pro_monthly', { at: now }));
    await deliver(periodEvent('INITIAL_PURCHASE', sub, transaction, now - 60_000));

    const me = await meOf(token);
    expect(me.credits).toMatchObject({ balance: 20, allowance: 0 });
    expect(me.plan).toMatchObject({ active: false, status: 'refunded' });
  });

  it('claws back never below zero and records the shortfall as an abuse signal', async () => {
    const { sub } = await subscriber();
    const transaction = randomUUID();
    await deliver(packEvent(sub, transaction));
    // The credits were spent before the refund.
    await db.send(
      new (await import('@aws-sdk/lib-dynamodb')).UpdateCommand({
        TableName: table(),
        Key: keys.profile(sub),
        UpdateExpression: 'SET credits = :spent',
        ExpressionAttributeValues: { ':spent': 30 },
      }),
    );

    await deliver(refundEvent(sub, transaction, 'credits_100'));

    const { Item } = await db.send(
      new GetCommand({ TableName: table(), Key: keys.profile(sub), ConsistentRead: true }),
    );
    expect(Item?.credits).toBe(0);
    const grant = await db.send(new GetCommand({ TableName: table(), Key: keys.storeGrant(`pack:${transaction}`) }));
    expect(grant.Item).toMatchObject({ state: 'REFUNDED', shortfall: 70 });
  });
});

describe('events out of order', () => {
  const flow = ['BILLING_ISSUE', 'CANCELLATION', 'EXPIRATION'] as const;
  const permutations = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ].map((order) => order.map((index) => flow[index]));

  it.each(permutations)('ends expired with the allowance expired once, delivered as %s, %s, %s', async (...order) => {
    const { token, sub } = await subscriber();
    const transaction = randomUUID();
    const start = Date.now() - 10 * day;
    await deliver(periodEvent('INITIAL_PURCHASE', sub, transaction, start));
    const at = { BILLING_ISSUE: start + day, CANCELLATION: start + day + 1, EXPIRATION: start + day + 2 };
    const events = {
      BILLING_ISSUE: delivery('BILLING_ISSUE', sub, {
        at: at.BILLING_ISSUE,
        product_id: 'pro_monthly',
        entitlement_ids: ['pro'],
        transaction_id: transaction,
        grace_period_expiration_at_ms: Date.now() + 6 * day,
      }),
      CANCELLATION: delivery('CANCELLATION', sub, {
        at: at.CANCELLATION,
        cancel_reason: 'BILLING_ERROR',
        product_id: 'pro_monthly',
        entitlement_ids: ['pro'],
        transaction_id: transaction,
      }),
      EXPIRATION: delivery('EXPIRATION', sub, {
        at: at.EXPIRATION,
        product_id: 'pro_monthly',
        entitlement_ids: ['pro'],
        transaction_id: transaction,
        expiration_at_ms: at.EXPIRATION,
      }),
    };

    for (const type of order) await deliver(events[type]);

    const me = await meOf(token);
    expect(me.plan).toMatchObject({ status: 'expired', active: false, willRenew: false });
    expect(me.credits).toMatchObject({ allowance: 0, purchased: 20 });
    const ledger = await ledgerOf(sub);
    expect(ledger.filter((entry) => entry.kind === 'EXPIRY')).toEqual([expect.objectContaining({ amount: -200 })]);
    expect(sum(ledger)).toBe(20);
  });

  it('never moves the entitlement back for an older event that arrives late', async () => {
    const { token, sub } = await subscriber();
    const now = Date.now();
    await deliver(periodEvent('INITIAL_PURCHASE', sub, randomUUID(), now - 1000));
    await deliver(delivery('UNCANCELLATION', sub, { at: now, product_id: 'pro_monthly', entitlement_ids: ['pro'] }));

    await deliver(
      delivery('CANCELLATION', sub, { at: now - 500, product_id: 'pro_monthly', entitlement_ids: ['pro'] }),
    );

    expect((await meOf(token)).plan).toMatchObject({ status: 'active', willRenew: true });
  });
});

describe('a transfer', () => {
  it(
    'moves the entitlement and the unused allowance from ' + 'one person to another, granted once across both',
    async () => {
      const ann = await subscriber();
      const bob = await subscriber();
      const transaction = randomUUID();
      const purchase = periodEvent('INITIAL_PURCHASE', ann.sub, transaction, Date.now() - 1000);
      await deliver(purchase);

      await deliver(
        delivery('TRANSFER', null, {
          original_app_user_id: null,
          aliases: null,
          transferred_from: [ann.sub],
          transferred_to: [bob.sub],
        }),
      );
      // A restore on Bob's side replays the period's purchase: it grants nothing more.
      await deliver({
        ...purchase,
        event: { ...purchase.event, id: randomUUID(), app_user_id: bob.sub, aliases: [bob.sub] },
      });

      const [annMe, bobMe] = [await meOf(ann.token), await meOf(bob.token)];
      expect(annMe.plan).toMatchObject({ active: false });
      expect(annMe.credits).toMatchObject({ allowance: 0, purchased: 20 });
      expect(bobMe.plan).toMatchObject({ active: true, productId: 'pro_monthly' });
      expect(bobMe.credits).toMatchObject({ allowance: 200, purchased: 20 });
      await expectBalanceIsLedgerSum(ann.token, ann.sub);
      await expectBalanceIsLedgerSum(bob.token, bob.sub);
    },
  );
});

describe('events with no effect', () => {
  it.each([
    'TEST',
    'EXPERIMENT_ENROLLMENT',
    'INVOICE_ISSUANCE',
    'SUBSCRIBER_ALIAS',
    'paywall_impression',
    'A_TYPE_FROM_NEXT_YEAR',
  ])('answers 200 to %s, records it and changes nothing', async (type) => {
    const { token, sub } = await subscriber();
    // INVOICE_ISSUANCE's sample nulls these; a paywall event has no store at all.
    const event = delivery(type, sub, {
      transaction_id: null,
      period_type: null,
      expiration_at_ms: null,
      store: undefined,
    });

    expect(await deliver(event)).toEqual({ status: 'applied' });

    expect(await meOf(token)).toMatchObject({ plan: null, credits: { balance: 20 } });
    const { Item } = await db.send(new GetCommand({ TableName: table(), Key: keys.storeEventReceipt(event.event.id) }));
    expect(Item).toMatchObject({ type, matched: true });
  });

  it('applies a sandbox purchase on a stage that allows them, marked as such in the ledger', async () => {
    const { sub } = await subscriber();

    await deliver(packEvent(sub, randomUUID(), { environment: 'SANDBOX' }));

    expect((await ledgerOf(sub)).find((entry) => entry.kind === 'PACK_PURCHASE')).toMatchObject({
      sandbox: true,
      amount: 100,
    });
  });
});
