/**
 * The ledger is the proof (issue 12): over random sequences of RevenueCat deliveries (purchases,
 * renewals, packs, refunds, reversals, expirations, transfers' raw material: duplicates and late
 * arrivals), posted to the local webhook against DynamoDB Local, the balance the API shows always
 * equals the sum of the ledger entries it lists, is never negative, and each store transaction
 * grants at most once. Kept to a modest number of runs so the suite stays fast.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { envNames } from '../../lambdas/shared/config';
import { ledgerOf, signedIn } from '../support/generation-flow';
import { startTestApi, type TestApi } from '../support/local-api';
import { day, delivery, packEvent, periodEvent, postDelivery, refundEvent } from '../support/revenuecat-deliveries';

let api: TestApi;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

type Step =
  | { kind: 'period'; renewal: boolean }
  | { kind: 'pack' }
  | { kind: 'refund'; of: number }
  | { kind: 'reverse'; of: number }
  | { kind: 'expire' }
  | { kind: 'redeliver'; of: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('period' as const), renewal: fc.boolean() }),
  fc.record({ kind: fc.constant('pack' as const) }),
  fc.record({ kind: fc.constant('refund' as const), of: fc.nat(7) }),
  fc.record({ kind: fc.constant('reverse' as const), of: fc.nat(7) }),
  fc.record({ kind: fc.constant('expire' as const) }),
  fc.record({ kind: fc.constant('redeliver' as const), of: fc.nat(7) }),
);

describe('the balance and the ledger over random event sequences', () => {
  it('always agree, never go negative, and grant each transaction at most once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const { token, sub } = await signedIn(api);
        const purchases: Array<{ transaction: string; product: string }> = [];
        const sent: unknown[] = [];
        let clock = Date.now() - 20 * day;
        for (const next of steps) {
          clock += day;
          let body: unknown;
          if (next.kind === 'period') {
            const transaction = randomUUID();
            purchases.push({ transaction, product: 'pro_monthly' });
            body = periodEvent(next.renewal ? 'RENEWAL' : 'INITIAL_PURCHASE', sub, transaction, clock, {
              expiration_at_ms: Date.now() + 30 * day,
            });
          } else if (next.kind === 'pack') {
            const transaction = randomUUID();
            purchases.push({ transaction, product: 'credits_100' });
            body = packEvent(sub, transaction, { at: clock });
          } else if (next.kind === 'refund' || next.kind === 'reverse') {
            const target = purchases[next.of % Math.max(1, purchases.length)] ?? {
              transaction: randomUUID(),
              product: 'pro_monthly',
            };
            body =
              next.kind === 'refund'
                ? refundEvent(sub, target.transaction, target.product, { at: clock })
                : delivery('REFUND_REVERSED', sub, {
                    at: clock,
                    product_id: target.product,
                    transaction_id: target.transaction,
                  });
          } else if (next.kind === 'expire') {
            body = delivery('EXPIRATION', sub, { at: clock, product_id: 'pro_monthly', entitlement_ids: ['pro'] });
          } else {
            body = sent[next.of % Math.max(1, sent.length)] ?? packEvent(sub, randomUUID(), { at: clock });
          }
          sent.push(body);
          const response = await postDelivery(api, body);
          if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${response.text}`);
        }

        const credits = (await api.request('GET', '/v1/credits?limit=50', { token })).json as {
          balance: number;
          allowance: number;
          purchased: number;
          entries: Array<{ amount: number; kind: string }>;
        };
        const listed = credits.entries.reduce((total, entry) => total + entry.amount, 0);
        expect(listed).toBe(credits.balance);
        expect(credits.allowance).toBeGreaterThanOrEqual(0);
        expect(credits.purchased).toBeGreaterThanOrEqual(0);
        const { Item } = await db.send(
          new GetCommand({ TableName: process.env[envNames.tableName]!, Key: keys.profile(sub), ConsistentRead: true }),
        );
        expect(Number(Item?.credits) + Number(Item?.allowance ?? 0)).toBe(
          (await ledgerOf(sub)).reduce((total, entry) => total + entry.amount, 0),
        );
        const grants = (await ledgerOf(sub)).filter(
          (entry) => entry.kind === 'ALLOWANCE_GRANT' || entry.kind === 'PACK_PURCHASE',
        );
        expect(grants.length).toBeLessThanOrEqual(purchases.length);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
