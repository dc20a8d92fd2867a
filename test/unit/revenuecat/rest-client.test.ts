import { revenueCatRest } from '../../../lambdas/adapters/revenuecat/rest-client';
import { RateLimitedError, TemporarilyUnavailableError } from '../../../lambdas/shared/errors';
import { type FakeRevenueCat, startFakeRevenueCat } from '../../../local/revenuecat/server';

let fake: FakeRevenueCat;
let waits: number[];

beforeEach(async () => {
  fake = await startFakeRevenueCat({ apiKey: 'sk_test', subscriptionProducts: ['pro_monthly'] });
  waits = [];
});
afterEach(() => fake.close());

/** A client of the fake whose waits are recorded, not slept. */
const client = (overrides: Partial<Parameters<typeof revenueCatRest>[0]> = {}) =>
  revenueCatRest({
    baseUrl: `${fake.url}/`,
    apiKey: async () => 'sk_test',
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });

describe('reading a customer', () => {
  it('maps the subscription period and the packs with their store transactions', async () => {
    // Prepare
    fake.customers.buy('user-1', 'pro_monthly');
    fake.customers.pack('user-1', 'credits_100');
    const stored = fake.customers.get('user-1');
    // Act
    const customer = await client().getCustomer('user-1');
    // Assess
    expect(customer?.subscriptions).toEqual([
      expect.objectContaining({
        productId: 'pro_monthly',
        transactionId: stored?.subscriptions.pro_monthly.store_transaction_id,
        periodType: 'NORMAL',
        store: 'app_store',
        refundedAt: null,
        unsubscribedAt: null,
      }),
    ]);
    expect(customer?.purchases).toEqual([
      expect.objectContaining({
        productId: 'credits_100',
        transactionId: stored?.non_subscriptions.credits_100[0].store_transaction_id,
        price: { amount: 4.99, currency: 'EUR' },
      }),
    ]);
  });

  it('url-encodes the app user id and sends the secret key as a bearer token', async () => {
    await client().getCustomer('a/b c');
    expect(fake.requests).toEqual([{ method: 'GET', path: '/v1/subscribers/a%2Fb%20c' }]);
  });

  it('refuses to go on with a key RevenueCat rejects, without retrying', async () => {
    await expect(client({ apiKey: async () => 'sk_wrong' }).getCustomer('user-1')).rejects.toThrow(
      'RevenueCat refused GET /v1/subscribers/{id} with 401',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('never puts the user id or the key in an error message', async () => {
    fake.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    const failure = await client({ apiKey: async () => 'sk_secret_value' })
      .getCustomer('user-secret-id')
      .catch((error: Error) => error);
    expect(String((failure as Error).message)).not.toMatch(/user-secret-id|sk_secret_value/);
  });
});

describe('retries', () => {
  it('tries again after a 5xx, with a backoff, and answers the customer', async () => {
    fake.failNext({ status: 502 }, { status: 500 });
    fake.customers.buy('user-1', 'pro_monthly');
    await expect(client().getCustomer('user-1')).resolves.toMatchObject({ subscriptions: [expect.anything()] });
    expect(fake.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(1_000);
  });

  it('gives up after three attempts of 5xx as store_unavailable (503)', async () => {
    fake.failNext({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const failure = client().getCustomer('user-1');
    await expect(failure).rejects.toBeInstanceOf(TemporarilyUnavailableError);
    await expect(failure).rejects.toMatchObject({ code: 'store_unavailable' });
    expect(fake.requests).toHaveLength(3);
  });

  it('counts a call that outlasts its timeout as a failed attempt', async () => {
    fake.failNext({ delayMs: 400 });
    fake.customers.buy('user-1', 'pro_monthly');
    await expect(client({ timeoutMs: 100 }).getCustomer('user-1')).resolves.toBeDefined();
    expect(fake.requests).toHaveLength(2);
  });

  it('answers store_unavailable when every attempt times out', async () => {
    fake.failNext({ delayMs: 300 }, { delayMs: 300 }, { delayMs: 300 });
    await expect(client({ timeoutMs: 50 }).getCustomer('user-1')).rejects.toMatchObject({
      code: 'store_unavailable',
    });
    expect(fake.requests).toHaveLength(3);
  });
});

describe('429', () => {
  it('waits as long as a short Retry-After says, then tries again', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 1 });
    await client().getCustomer('user-1');
    expect(waits).toEqual([1_000]);
    expect(fake.requests).toHaveLength(2);
  });

  it('hands a Retry-After longer than the cap to the caller at once, as RateLimitedError', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 30 });
    const failure = client().getCustomer('user-1');
    await expect(failure).rejects.toBeInstanceOf(RateLimitedError);
    await expect(failure).rejects.toMatchObject({ code: 'store_rate_limited', retryAfterSeconds: 30 });
    expect(fake.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('answers RateLimitedError when RevenueCat keeps throttling', async () => {
    fake.failNext(...Array.from({ length: 3 }, () => ({ status: 429, retryAfterSeconds: 2 })));
    await expect(client().getCustomer('user-1')).rejects.toMatchObject({ retryAfterSeconds: 2 });
    expect(waits).toEqual([2_000, 2_000]);
  });
});

describe('deleting a customer', () => {
  it('removes the customer, and answers absent the second time', async () => {
    fake.customers.buy('user-1', 'pro_monthly');
    await expect(client().deleteCustomer('user-1')).resolves.toBe('removed');
    await expect(client().deleteCustomer('user-1')).resolves.toBe('absent');
    expect(fake.customers.get('user-1')).toBeUndefined();
  });
});
