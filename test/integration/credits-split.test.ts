/**
 * The two kinds of credits end to end (docs/subscriptions.md, "The credit model"): a Pro
 * allowance that expires and purchased credits that do not, spent allowance first by the
 * generation debit, given back to the kind they came from, and shown split. The allowance is
 * seeded here as a period grant writes it (profile attributes and an ALLOWANCE_GRANT entry), so
 * these tests hold the debit and the views apart from the webhook.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as items from '../../lambdas/adapters/dynamodb/items';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { envNames } from '../../lambdas/shared/config';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  ledgerOf,
  newConversation,
  postGeneration,
  settled,
  signedIn,
  type GenerationBody,
} from '../support/generation-flow';

interface CreditsBody {
  balance: number;
  allowance: number;
  purchased: number;
  allowanceExpiresAt: string | null;
  entries: Array<{ id: string; kind: string; amount: number; fromAllowance: number }>;
}

let api: TestApi;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = () => process.env[envNames.tableName]!;
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

/** A signed-in person with the starter grant (20 purchased credits) and a live or ended allowance. */
async function withAllowance(allowance: number, expiresAt: string) {
  const person = await signedIn(api);
  expect((await api.request('GET', '/v1/me', { token: person.token })).status).toBe(200);
  const grantedAt = new Date(Date.parse(expiresAt) - 30 * 86_400_000).toISOString();
  const grantId = `test-period-${person.sub}`;
  await db.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.profile(person.sub),
      UpdateExpression: 'SET allowance = :allowance, allowanceExpiresAt = :expiresAt, allowanceGrantId = :grant',
      ExpressionAttributeValues: { ':allowance': allowance, ':expiresAt': expiresAt, ':grant': grantId },
    }),
  );
  await db.send(
    new PutCommand({
      TableName: table(),
      Item: items.ledgerEntry.to({
        entryId: grantId,
        userId: person.sub,
        kind: 'ALLOWANCE_GRANT',
        amount: allowance,
        fromAllowance: allowance,
        createdAt: grantedAt,
      }),
    }),
  );
  return person;
}

async function walletOf(userId: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: table(), Key: keys.profile(userId), ConsistentRead: true }),
  );
  return { allowance: Number(Item?.allowance), purchased: Number(Item?.credits) };
}

async function creditsOf(token: string): Promise<CreditsBody> {
  const response = await api.request('GET', '/v1/credits?limit=50', { token });
  expect(response.status).toBe(200);
  return response.json as CreditsBody;
}

const sum = (entries: Array<{ amount: number }>) => entries.reduce((total, entry) => total + entry.amount, 0);

describe('spending the allowance first', () => {
  it('draws a generation on the live allowance and shows the balance split in /v1/credits and /v1/me', async () => {
    const expiresAt = inAMonth();
    const { token, sub } = await withAllowance(3, expiresAt);
    const conversationId = await newConversation(api, token);

    expect((await postGeneration(api, token, conversationId, { prompt: 'a kite' })).status).toBe(202);

    expect(await walletOf(sub)).toEqual({ allowance: 2, purchased: 20 });
    const credits = await creditsOf(token);
    expect(credits).toMatchObject({ balance: 22, allowance: 2, purchased: 20, allowanceExpiresAt: expiresAt });
    expect(credits.entries[0]).toMatchObject({ kind: 'GENERATION', amount: -1, fromAllowance: -1 });
    expect(sum(credits.entries)).toBe(credits.balance);
    const me = await api.request('GET', '/v1/me', { token });
    expect(me.json).toMatchObject({
      credits: { balance: 22, allowance: 2, purchased: 20, allowanceExpiresAt: expiresAt },
    });
    await api.queues.drained();
  });

  it(
    'takes what is left of the allowance and the rest from ' + 'purchased credits when a debit crosses the boundary',
    async () => {
      const { token, sub } = await withAllowance(1, inAMonth());
      const conversationId = await newConversation(api, token);

      // SD3.5 Large costs 2: one from the allowance, one purchased.
      expect(
        (await postGeneration(api, token, conversationId, { prompt: 'a kite', model: 'sd3-5-large' })).status,
      ).toBe(202);

      expect(await walletOf(sub)).toEqual({ allowance: 0, purchased: 19 });
      const credits = await creditsOf(token);
      expect(credits).toMatchObject({ balance: 19, allowance: 0, allowanceExpiresAt: null });
      expect(credits.entries[0]).toMatchObject({ kind: 'GENERATION', amount: -2, fromAllowance: -1 });
      await api.queues.drained();
    },
  );

  it('gives a failed generation back to the allowance it was drawn on', async () => {
    const { token, sub } = await withAllowance(1, inAMonth());
    const conversationId = await newConversation(api, token);

    const generation = (await postGeneration(api, token, conversationId, { prompt: '[local:fail] a kite' }))
      .json as GenerationBody;
    expect((await settled(api, token, generation.id)).status).toBe('FAILED');

    expect(await walletOf(sub)).toEqual({ allowance: 1, purchased: 20 });
    const ledger = await ledgerOf(sub);
    expect(ledger.filter((entry) => entry.kind === 'REFUND')).toEqual([
      expect.objectContaining({ amount: 1, fromAllowance: 1, generationId: generation.id }),
    ]);
    expect(sum(ledger)).toBe(21);
  });
});

describe('an allowance whose period has ended', () => {
  it(
    'is never counted, and the first page shows the EXPIRY ' + 'it is owed so the entries add up to the balance',
    async () => {
      const { token, sub } = await withAllowance(5, new Date(Date.now() - 60_000).toISOString());

      const credits = await creditsOf(token);

      expect(credits).toMatchObject({ balance: 20, allowance: 0, purchased: 20, allowanceExpiresAt: null });
      expect(credits.entries).toContainEqual(
        expect.objectContaining({ id: `expiry-test-period-${sub}`, kind: 'EXPIRY', amount: -5, fromAllowance: -5 }),
      );
      expect(sum(credits.entries)).toBe(credits.balance);
    },
  );

  it('is not spent: the debit draws on purchased credits', async () => {
    const { token, sub } = await withAllowance(5, new Date(Date.now() - 60_000).toISOString());
    const conversationId = await newConversation(api, token);

    expect((await postGeneration(api, token, conversationId, { prompt: 'a kite' })).status).toBe(202);

    expect(await walletOf(sub)).toEqual({ allowance: 5, purchased: 19 });
    expect((await creditsOf(token)).balance).toBe(19);
    await api.queues.drained();
  });
});

describe('contention across the allowance/purchased boundary (P8)', () => {
  it('accepts exactly as many of 100 concurrent generations as allowance and purchased credits pay for', async () => {
    // 11 allowance + 20 purchased = 31 credits; SD3.5 Large costs 2: exactly 15 fit, one debit crosses.
    const { token, sub } = await withAllowance(11, inAMonth());
    const conversationId = await newConversation(api, token);

    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        postGeneration(api, token, conversationId, { prompt: `a pebble number ${index}`, model: 'sd3-5-large' }),
      ),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(15);
    expect(statuses.filter((status) => status === 402)).toHaveLength(85);
    expect(await walletOf(sub)).toEqual({ allowance: 0, purchased: 1 });
    const ledger = (await ledgerOf(sub)) as Array<{ kind: string; amount: number; fromAllowance?: number }>;
    expect(sum(ledger)).toBe(1);
    const debits = ledger.filter((entry) => entry.kind === 'GENERATION');
    expect(debits).toHaveLength(15);
    expect(debits.reduce((total, entry) => total + (entry.fromAllowance ?? 0), 0)).toBe(-11);
    await api.queues.drained();
  }, 120_000);
});
