/**
 * The fixed-window request counters (lambdas/adapters/dynamodb/limit-counters.ts) on DynamoDB
 * Local: the budget holds exactly under concurrency, a refused request consumes nothing, the next
 * window starts from zero, every counter carries its TTL, and a check is one request.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { documentClient as db } from '../../lambdas/adapters/dynamodb/client';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { limitCounters } from '../../lambdas/adapters/dynamodb/limit-counters';
import { checkLimit, type LimitPolicy } from '../../lambdas/domain/limits/limits';
import { envNames } from '../../lambdas/shared/config';
import { startTestApi, type TestApi } from '../support/local-api';
import { countDynamoRequests } from '../support/generation-flow';

let api: TestApi;
const table = () => process.env[envNames.tableName]!;
const counters = () => limitCounters(db, table());

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

const policy: LimitPolicy = {
  perUser: { max: 10, windowSeconds: 60 },
  perIp: { max: 25, windowSeconds: 3_600 },
  onFailure: 'closed',
};
const at = (seconds: number) => new Date(seconds * 1000);

it('lets exactly the budget through when 50 requests race for it', async () => {
  const userId = randomUUID();

  const decisions = await Promise.all(
    Array.from({ length: 50 }, () => checkLimit(counters(), 'generation', policy, { userId }, at(1_000_000))),
  );

  expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
  expect(decisions.find((decision) => !decision.allowed)).toEqual({
    allowed: false,
    reason: 'rate_limited',
    scope: 'user',
    retryAfterSeconds: 1_000_020 - 1_000_000,
  });
});

it('consumes nothing from either budget when one of them is spent', async () => {
  const ipHash = randomUUID();
  for (let i = 0; i < 25; i++) {
    expect(
      (await checkLimit(counters(), 'generation', policy, { userId: randomUUID(), ipHash }, at(7_200))).allowed,
    ).toBe(true);
  }
  const userId = randomUUID();

  const refused = await checkLimit(counters(), 'generation', policy, { userId, ipHash }, at(7_200));

  expect(refused).toMatchObject({ allowed: false, scope: 'ip', retryAfterSeconds: 3_600 });
  const userCounter = await db.send(
    new GetCommand({
      TableName: table(),
      Key: keys.limitCounter('generation', 'user', userId, 7_200),
      ConsistentRead: true,
    }),
  );
  expect(userCounter.Item).toBeUndefined();
});

it('starts the next window from zero, and expires each counter by TTL after its window', async () => {
  const userId = randomUUID();
  for (let i = 0; i < 10; i++) await checkLimit(counters(), 'read', policy, { userId }, at(600));
  expect((await checkLimit(counters(), 'read', policy, { userId }, at(659))).allowed).toBe(false);

  expect(await checkLimit(counters(), 'read', policy, { userId }, at(660))).toEqual({ allowed: true });
  const { Item } = await db.send(
    new GetCommand({ TableName: table(), Key: keys.limitCounter('read', 'user', userId, 600), ConsistentRead: true }),
  );
  expect(Item).toEqual({ ...keys.limitCounter('read', 'user', userId, 600), count: 10, ttl: 600 + 60 + 60 });
});

it('is one DynamoDB request per check, whether it limits the user alone or the user and the IP', async () => {
  const counts = countDynamoRequests();

  await checkLimit(counters(), 'generation', { ...policy, perIp: undefined }, { userId: randomUUID() }, at(0));
  // The limiter's requests, which the request counts of routes set apart.
  const single = counts.asideNames.length;
  await checkLimit(counters(), 'generation', policy, { userId: randomUUID(), ipHash: randomUUID() }, at(0));

  expect([single, counts.asideNames.length - single]).toEqual([1, 1]);
  expect(counts.names).toEqual([]);
  counts.stop();
});
