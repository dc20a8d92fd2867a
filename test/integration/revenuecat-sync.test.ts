/**
 * Issue 12's done-when loop on the local stack, over the fake RevenueCat: buying Pro shows the
 * plan and the allowance; a renewal replaces the allowance (the unused part expires in the
 * ledger); a pack adds purchased credits; a refund claws back; POST /v1/me/subscription/sync
 * after a webhook that was never delivered grants it once, and a late delivery of it is a no-op.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { hmacSubjectHasher } from '../../lambdas/adapters/secrets/subject-hasher';
import { envNames } from '../../lambdas/shared/config';
import { ledgerOf } from '../support/generation-flow';
import { type BillingLoop, customer, meOf, startBillingLoop } from '../support/billing-loop';
import { postDelivery } from '../support/revenuecat-deliveries';

let loop: BillingLoop;

beforeAll(async () => {
  // Its own table: the reconciliation walks the whole watch list, which other files also fill.
  loop = await startBillingLoop({ ownTable: true });
});
afterAll(() => loop.close());

const sync = (token: string) => loop.api.request('POST', '/v1/me/subscription/sync', { token });

describe('the billing loop', () => {
  it('buys Pro, renews, buys a pack, is refunded, and syncs a renewal whose webhook never came', async () => {
    const { api, revenueCat } = loop;
    const ann = await customer(api);
    const starter = (await meOf(api, ann.token)).credits.purchased;

    // Buying Pro shows the plan and the allowance.
    expect((await revenueCat.run('buy', [ann.sub, 'pro_monthly'])).delivery).toMatchObject({ delivered: true });
    let me = await meOf(api, ann.token);
    expect(me.plan).toMatchObject({ entitlement: 'pro', active: true, productId: 'pro_monthly', willRenew: true });
    expect(me.credits).toMatchObject({ allowance: 200, purchased: starter });

    // A renewal replaces the allowance; what was left of the last one expires in the ledger.
    await revenueCat.run('renew', [ann.sub]);
    me = await meOf(api, ann.token);
    expect(me.credits.allowance).toBe(200);
    const kinds = (await ledgerOf(ann.sub)).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'ALLOWANCE_GRANT')).toHaveLength(2);
    expect(kinds).toContain('EXPIRY');

    // A pack adds purchased credits; its refund claws them back.
    await revenueCat.run('pack', [ann.sub, 'credits_100']);
    expect((await meOf(api, ann.token)).credits.purchased).toBe(starter + 100);
    await revenueCat.run('refund', [ann.sub]);
    expect((await meOf(api, ann.token)).credits.purchased).toBe(starter);

    // A renewal whose webhook RevenueCat gave up on: nothing changes until sync applies it, once.
    await revenueCat.run('drop-next', []);
    const dropped = await revenueCat.run('renew', [ann.sub]);
    expect(dropped.delivery).toBe('dropped');
    const before = await ledgerOf(ann.sub);
    const synced = await sync(ann.token);
    expect(synced.status).toBe(200);
    const after = await ledgerOf(ann.sub);
    const newEntries = after.filter((entry) => !before.some((seen) => JSON.stringify(seen) === JSON.stringify(entry)));
    expect(newEntries.map((entry) => entry.kind).sort()).toEqual(['ALLOWANCE_GRANT', 'EXPIRY']);

    // The late webhook of that same renewal is a no-op.
    const late = await postDelivery(api, { api_version: '1.0', event: dropped.event });
    expect(late.status).toBe(200);
    expect(await ledgerOf(ann.sub)).toEqual(after);
  });

  it('grants nothing on a sync after the webhook applied the purchase', async () => {
    const { api, revenueCat } = loop;
    const bob = await customer(api);
    await revenueCat.run('buy', [bob.sub, 'pro_monthly']);
    await revenueCat.run('pack', [bob.sub, 'credits_100']);
    const ledger = await ledgerOf(bob.sub);
    const credits = (await meOf(api, bob.token)).credits;

    expect((await sync(bob.token)).status).toBe(200);

    expect(await ledgerOf(bob.sub)).toEqual(ledger);
    expect((await meOf(api, bob.token)).credits).toEqual(credits);
  });

  it('answers 429 with Retry-After to a second sync within the cooldown', async () => {
    const carol = await customer(loop.api);
    expect((await sync(carol.token)).status).toBe(200);
    const again = await sync(carol.token);
    expect(again.status).toBe(429);
    expect(again.json).toMatchObject({ error: { code: 'sync_cooldown' } });
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers 503 store_unavailable and changes nothing when RevenueCat is down', async () => {
    const { api, revenueCat } = loop;
    const dan = await customer(api);
    await revenueCat.run('drop-next', []);
    await revenueCat.run('pack', [dan.sub, 'credits_100']);
    const ledger = await ledgerOf(dan.sub);
    revenueCat.failNext({ status: 503 }, { status: 502 }, { status: 500 });

    const response = await sync(dan.token);

    expect(response.status).toBe(503);
    expect(response.json).toMatchObject({ error: { code: 'store_unavailable' } });
    expect(await ledgerOf(dan.sub)).toEqual(ledger);
  });

  it("passes RevenueCat's long Retry-After on as a 429", async () => {
    const { api, revenueCat } = loop;
    const eve = await customer(api);
    revenueCat.failNext({ status: 429, retryAfterSeconds: 40 });

    const response = await sync(eve.token);

    expect(response.status).toBe(429);
    expect(response.json).toMatchObject({ error: { code: 'store_rate_limited' } });
    expect(response.headers['retry-after']).toBe('40');
  });
});

describe('the daily reconciliation', () => {
  it('grants a renewal whose webhook was never delivered once, and a second run grants nothing', async () => {
    const { api, revenueCat } = loop;
    const fay = await customer(api);
    await revenueCat.run('buy', [fay.sub, 'pro_monthly']);
    await revenueCat.run('drop-next', []);
    await revenueCat.run('renew', [fay.sub]);
    const grants = async () => (await ledgerOf(fay.sub)).filter((entry) => entry.kind === 'ALLOWANCE_GRANT');
    expect(await grants()).toHaveLength(1);

    const first = await api.scheduled.run('ReconcileSubscriptions');
    expect(first).toMatchObject({ resumable: false });
    expect(await grants()).toHaveLength(2);
    const ledger = await ledgerOf(fay.sub);

    const second = await api.scheduled.run('ReconcileSubscriptions');
    expect(second).toMatchObject({ applied: 0 });
    expect(await ledgerOf(fay.sub)).toEqual(ledger);
  });

  it('asks RevenueCat about everyone on the watch list', async () => {
    const { api, revenueCat } = loop;
    const gus = await customer(api);
    await revenueCat.run('buy', [gus.sub, 'pro_monthly']);
    const before = revenueCat.requests.length;
    await api.scheduled.run('ReconcileSubscriptions');
    const requests = revenueCat.requests.slice(before).map((request) => request.path);
    // Everyone with an entitlement in this file's table, Gus among them, was asked about.
    expect(requests).toContain(`/v1/subscribers/${gus.sub}`);
  });
});

describe('retained billing records after account deletion', () => {
  it('keep purchases and refunds with amount, price, currency, date, store and product, and no user id', async () => {
    const { api, revenueCat } = loop;
    const hal = await customer(api);
    await revenueCat.run('buy', [hal.sub, 'pro_monthly']);
    await revenueCat.run('pack', [hal.sub, 'credits_100']);
    await revenueCat.run('refund', [hal.sub]);
    expect((await api.request('DELETE', '/v1/me', { token: hal.token })).status).toBe(202);
    expect((await api.stepFunctions.waitForExecution(`delete-${hal.sub}`)).status).toBe('SUCCEEDED');

    const subjectHash = await hmacSubjectHasher().hash(hal.sub);
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: process.env[envNames.tableName],
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.retainedAccount(subjectHash).pk },
        ConsistentRead: true,
      }),
    );
    const credits = Items.filter((item) => String(item.sk).startsWith('CREDIT#'));
    const store = { store: 'APP_STORE', at: expect.any(String) };
    expect(credits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'ALLOWANCE_GRANT',
          amount: 200,
          productId: 'pro_monthly',
          price: 9.99,
          currency: 'EUR',
          ...store,
        }),
        expect.objectContaining({
          kind: 'PACK_PURCHASE',
          amount: 100,
          productId: 'credits_100',
          price: 4.99,
          currency: 'EUR',
          ...store,
        }),
        expect.objectContaining({
          kind: 'STORE_REFUND',
          amount: -100,
          productId: 'credits_100',
          price: -4.99,
          currency: 'EUR',
          ...store,
        }),
      ]),
    );
    expect(JSON.stringify(Items)).not.toContain(hal.sub);
    // The whole deletion workflow runs: longer than the default 5 s.
  }, 20_000);
});
