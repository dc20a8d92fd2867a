/**
 * The request limiter in the route stack (lambdas/shared/http/request-limits.ts): what a caller
 * sees when a budget is spent (429 with Retry-After) or the counters are down (503 for a class
 * that fails closed, a pass and a warning for one that fails open), and what the counters are
 * keyed by (the user, and a keyed hash of the source IP, never the address).
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { CounterCheck, LimitCounters } from '../../../lambdas/domain/limits/limits';
import { errorResponse } from '../../../lambdas/shared/http/error-response';
import { type RequestLimitDeps, requestLimits } from '../../../lambdas/shared/http/request-limits';
import { logger } from '../../../lambdas/shared/logger';

const userId = '3f1c2a7e-1b2d-4c5e-8f90-123456789abc';
const ip = '203.0.113.7';

// Read once, lazily, by the limiter: one limited route per failure mode, and one route with none.
process.env.ROUTE_LIMITS = JSON.stringify({
  'POST /v1/generate': { limitClass: 'generation', perUser: { max: 2, windowSeconds: 60 }, onFailure: 'closed' },
  'GET /v1/read': { limitClass: 'read', perUser: { max: 2, windowSeconds: 60 }, onFailure: 'open' },
  'GET /s/{token}': { limitClass: 'public-share', perIp: { max: 2, windowSeconds: 60 }, onFailure: 'open' },
  'POST /s/{token}/report': {
    limitClass: 'report',
    perUser: { max: 5, windowSeconds: 3600 },
    perIp: { max: 1, windowSeconds: 3600 },
    onFailure: 'closed',
  },
});

function eventFor(routeKey: string, signedIn = true): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    routeKey,
    requestContext: {
      http: { sourceIp: ip },
      ...(signedIn ? { authorizer: { jwt: { claims: { sub: userId }, scopes: [] } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** Counters in memory that record every check, with the table's all-or-nothing rule. */
function recordingCounters() {
  const counts = new Map<string, number>();
  const seen: CounterCheck[][] = [];
  const keyOf = (c: CounterCheck) => `${c.limitClass}|${c.subject.scope}|${c.subject.id}|${c.windowStart}`;
  const counters: LimitCounters = {
    async consume(checks) {
      seen.push([...checks]);
      const spent = checks.find((c) => (counts.get(keyOf(c)) ?? 0) >= c.max);
      if (spent) return { outcome: 'exhausted', check: spent };
      for (const c of checks) counts.set(keyOf(c), (counts.get(keyOf(c)) ?? 0) + 1);
      return { outcome: 'consumed' };
    },
  };
  return { counters, seen };
}

const now = new Date('2026-12-04T12:00:30Z');

function depsWith(counters: LimitCounters, hashIp: RequestLimitDeps['hashIp'] = async () => 'hash-of-ip') {
  return { counters: () => counters, hashIp, now: () => now };
}

/** Runs the middleware's before hook: undefined when the request may go on, else the refusal as a response. */
async function run(deps: RequestLimitDeps, event: APIGatewayProxyEventV2WithJWTAuthorizer) {
  try {
    await requestLimits(deps).before!({ event } as never);
    return undefined;
  } catch (error) {
    return errorResponse(error);
  }
}

const bodyOf = (response: { body?: string } | undefined) => JSON.parse(response?.body ?? '{}');

describe('request limits', () => {
  afterEach(() => jest.restoreAllMocks());

  it("lets a caller spend the budget, then answers 429 rate_limited, Retry-After the window's end", async () => {
    const { counters } = recordingCounters();
    const deps = depsWith(counters);

    expect(await run(deps, eventFor('POST /v1/generate'))).toBeUndefined();
    expect(await run(deps, eventFor('POST /v1/generate'))).toBeUndefined();
    const refused = await run(deps, eventFor('POST /v1/generate'));

    expect(refused?.statusCode).toBe(429);
    expect(bodyOf(refused).error.code).toBe('rate_limited');
    // The window started at 12:00:00 and is 60 s long; it is 12:00:30.
    expect(refused?.headers?.['retry-after']).toBe('30');
  });

  it("counts per user and per class: one route's spent budget leaves another class's alone", async () => {
    const { counters, seen } = recordingCounters();
    const deps = depsWith(counters);
    for (let i = 0; i < 2; i++) await run(deps, eventFor('POST /v1/generate'));

    expect(await run(deps, eventFor('GET /v1/read'))).toBeUndefined();
    expect(seen.map((checks) => checks.map((c) => [c.limitClass, c.subject.scope, c.subject.id]))).toEqual([
      [['generation', 'user', userId]],
      [['generation', 'user', userId]],
      [['read', 'user', userId]],
    ]);
  });

  it('answers 503 limiter_unavailable when a class that fails closed cannot reach its counters', async () => {
    const down: LimitCounters = { consume: () => Promise.reject(new Error('ProvisionedThroughputExceededException')) };

    const refused = await run(depsWith(down), eventFor('POST /v1/generate'));

    expect(refused?.statusCode).toBe(503);
    expect(bodyOf(refused).error.code).toBe('limiter_unavailable');
  });

  it('lets a fail-open request through when its counters are down, and says so in the log', async () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const down: LimitCounters = { consume: () => Promise.reject(new Error('ServiceUnavailable')) };

    expect(await run(depsWith(down), eventFor('GET /v1/read'))).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('request limits not checked', { limitClass: 'read' });
  });

  it('treats a hash key it cannot read like counters it cannot reach', async () => {
    const { counters, seen } = recordingCounters();
    const noKey = async () => {
      throw new Error('AccessDeniedException');
    };

    expect((await run(depsWith(counters, noKey), eventFor('POST /s/{token}/report', false)))?.statusCode).toBe(503);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    expect(await run(depsWith(counters, noKey), eventFor('GET /s/{token}', false))).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('keys per-IP counters by the keyed hash of the source IP, never the address', async () => {
    const { counters, seen } = recordingCounters();
    const hashIp = jest.fn(async (address: string) => `hmac(${address.length})`);

    await run(depsWith(counters, hashIp), eventFor('GET /s/{token}', false));

    expect(hashIp).toHaveBeenCalledWith(ip);
    expect(seen[0]).toEqual([expect.objectContaining({ subject: { scope: 'ip', id: `hmac(${ip.length})` } })]);
    expect(JSON.stringify(seen)).not.toContain(ip);
  });

  it('counts a signed-in caller of a two-budget class by user and IP at once, a signed-out one by IP', async () => {
    const { counters, seen } = recordingCounters();
    const deps = depsWith(counters);

    await run(deps, eventFor('POST /s/{token}/report'));
    await run(deps, eventFor('POST /s/{token}/report', false));

    expect(seen.map((checks) => checks.map((c) => c.subject.scope))).toEqual([['user', 'ip'], ['ip']]);
    // The second request found the IP's budget of one spent.
    expect((await run(deps, eventFor('POST /s/{token}/report', false)))?.statusCode).toBe(429);
  });

  it('does not count a route that has no entry', async () => {
    const { counters, seen } = recordingCounters();

    expect(await run(depsWith(counters), eventFor('GET /v1/unlimited'))).toBeUndefined();
    expect(seen).toEqual([]);
  });
});
