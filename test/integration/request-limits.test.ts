/**
 * Request limits end to end on the local emulators (docs/abuse.md): small budgets for this file's
 * API, the counters in DynamoDB Local. A caller past a budget gets 429 rate_limited with
 * Retry-After and the request changes nothing; budgets are per person, and per keyed hash of the
 * source IP for the public routes; the limiter adds exactly one DynamoDB request to a route. On a
 * table of this file's own: the per-IP counters of 127.0.0.1 would otherwise be shared with every
 * other file's requests.
 */
import '../support/info-logs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import { balanceOf, countDynamoRequests, newConversation, postGeneration, signedIn } from '../support/generation-flow';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
const dynamo = countDynamoRequests();
const table = () => process.env.TABLE_NAME!;
const throttle = { rateLimit: 50, burstLimit: 100 };
const hour = 3600;

jest.setTimeout(30_000);

beforeAll(async () => {
  api = await startTestApi({
    ownTable: true,
    limits: {
      generation: { perUser: { max: 2, windowSeconds: hour }, onFailure: 'closed', throttle },
      'public-share': { perIp: { max: 3, windowSeconds: hour }, onFailure: 'open', throttle },
    },
  });
});
afterAll(() => api?.close());

async function everyItem(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({ TableName: table(), ExclusiveStartKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

describe('a spent budget', () => {
  it('answers 429 rate_limited with Retry-After, and the refused generation changes nothing', async () => {
    const person = await signedIn(api);
    const conversationId = await newConversation(api, person.token);
    for (let i = 0; i < 2; i++) {
      expect((await postGeneration(api, person.token, conversationId, { prompt: `a lighthouse ${i}` })).status).toBe(
        202,
      );
    }
    await api.queues.drained();
    const balance = await balanceOf(person.sub);
    const before = await everyItem();

    const refused = await postGeneration(api, person.token, conversationId, { prompt: 'one too many' });

    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(hour);
    expect(await everyItem()).toEqual(before);
    expect(await balanceOf(person.sub)).toBe(balance);
  });

  it("is one person's: another person still generates, and the spender's other classes still answer", async () => {
    const spender = await signedIn(api);
    const conversationId = await newConversation(api, spender.token);
    for (let i = 0; i < 2; i++) await postGeneration(api, spender.token, conversationId, { prompt: `a fox ${i}` });
    expect((await postGeneration(api, spender.token, conversationId, { prompt: 'a third fox' })).status).toBe(429);

    const other = await signedIn(api);
    const otherConversation = await newConversation(api, other.token);
    expect((await postGeneration(api, other.token, otherConversation, { prompt: 'a fox' })).status).toBe(202);
    expect((await api.request('GET', '/v1/conversations', { token: spender.token })).status).toBe(200);
    await api.queues.drained();
  });
});

describe('per source IP, signed out', () => {
  it('counts every public share request, even with a dead token, keyed by a hash of the address', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) answers.push((await api.request('GET', `/s/no-such-token-${i}`)).status);

    expect(answers).toEqual([404, 404, 404, 429]);
    const counters = (await everyItem()).filter((item) => String(item.pk).startsWith('LIMIT#public-share#'));
    expect(counters).toHaveLength(1);
    expect(counters[0]).toMatchObject({ count: 3, ttl: expect.any(Number) });
    expect(JSON.stringify(counters)).not.toMatch(/127\.0\.0\.1|::1/);
  });
});

describe('the cost of counting', () => {
  it('adds exactly one DynamoDB request to a route: one conditional UpdateItem on a LIMIT# counter', async () => {
    const person = await signedIn(api);
    await newConversation(api, person.token);
    dynamo.reset();

    expect((await api.request('GET', '/v1/conversations', { token: person.token })).status).toBe(200);

    // The route's own reads: its Query and the account check; the limiter's counter, one UpdateItem counted apart.
    expect([...dynamo.names].sort()).toEqual(['GetItemCommand', 'QueryCommand']);
    expect(dynamo.asideNames).toEqual(['UpdateItemCommand']);
    const counters = (await everyItem()).filter((item) => item.pk === `LIMIT#read#user#${person.sub}`);
    expect(counters.map((item) => item.count)).toEqual([1]);
  });
});
