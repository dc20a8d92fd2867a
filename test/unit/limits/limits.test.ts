import {
  checkLimit,
  checksFor,
  windowStartOf,
  type ConsumeOutcome,
  type CounterCheck,
  type LimitCounters,
  type LimitPolicy,
} from '../../../lambdas/domain/limits/limits';

/** Counters in memory, with the same all-or-nothing rule as the table's. */
function memoryCounters(): LimitCounters & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const keyOf = (check: CounterCheck) =>
    `${check.limitClass}|${check.subject.scope}|${check.subject.id}|${check.windowStart}`;
  return {
    counts,
    async consume(checks): Promise<ConsumeOutcome> {
      const spent = checks.find((check) => (counts.get(keyOf(check)) ?? 0) >= check.max);
      if (spent) return { outcome: 'exhausted', check: spent };
      for (const check of checks) counts.set(keyOf(check), (counts.get(keyOf(check)) ?? 0) + 1);
      return { outcome: 'consumed' };
    },
  };
}

const failingCounters: LimitCounters = {
  consume: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
};

const generation: LimitPolicy = {
  perUser: { max: 3, windowSeconds: 60 },
  perIp: { max: 5, windowSeconds: 60 },
  onFailure: 'closed',
};
const at = (seconds: number) => new Date(seconds * 1000);

describe('windowStartOf', () => {
  it('puts a time in the window that starts at the last multiple of its length', () => {
    expect([windowStartOf(119, 60), windowStartOf(120, 60), windowStartOf(3_599, 3_600)]).toEqual([60, 120, 0]);
  });
});

describe('checksFor', () => {
  it('checks the user and the IP when the class limits both and the request has both', () => {
    const checks = checksFor('generation', generation, { userId: 'u1', ipHash: 'h1' }, 125);

    expect(checks.map((check) => [check.subject.scope, check.subject.id, check.windowStart, check.max])).toEqual([
      ['user', 'u1', 120, 3],
      ['ip', 'h1', 120, 5],
    ]);
  });

  it('checks only the IP of a request nobody signed', () => {
    expect(checksFor('generation', generation, { ipHash: 'h1' }, 0).map((check) => check.subject.scope)).toEqual([
      'ip',
    ]);
  });
});

describe('checkLimit', () => {
  it('allows the budget, then refuses with the seconds left in the window', async () => {
    const counters = memoryCounters();
    const decisions = [];
    for (let i = 0; i < 4; i++)
      decisions.push(await checkLimit(counters, 'generation', generation, { userId: 'u1' }, at(130)));

    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]).toEqual({ allowed: false, reason: 'rate_limited', scope: 'user', retryAfterSeconds: 50 });
  });

  it('starts counting again in the next window', async () => {
    const counters = memoryCounters();
    for (let i = 0; i < 3; i++) await checkLimit(counters, 'generation', generation, { userId: 'u1' }, at(130));

    const next = await checkLimit(counters, 'generation', generation, { userId: 'u1' }, at(180));

    expect(next).toEqual({ allowed: true });
  });

  it("refuses by the IP's budget across users, consuming nothing from the refused user's", async () => {
    const counters = memoryCounters();
    for (let i = 0; i < 5; i++) {
      await checkLimit(counters, 'generation', generation, { userId: `u${i}`, ipHash: 'h1' }, at(0));
    }

    const refused = await checkLimit(counters, 'generation', generation, { userId: 'u9', ipHash: 'h1' }, at(0));

    expect(refused).toMatchObject({ allowed: false, scope: 'ip' });
    expect(counters.counts.get('generation|user|u9|0')).toBeUndefined();
  });

  it('never answers less than one second to wait', async () => {
    const counters = memoryCounters();
    const policy: LimitPolicy = { perUser: { max: 0, windowSeconds: 60 }, onFailure: 'closed' };

    expect(await checkLimit(counters, 'x', policy, { userId: 'u1' }, new Date(59_999))).toMatchObject({
      retryAfterSeconds: 1,
    });
  });

  it('fails closed for a costly class when the counters cannot be reached', async () => {
    expect(await checkLimit(failingCounters, 'generation', generation, { userId: 'u1' }, at(0))).toEqual({
      allowed: false,
      reason: 'limiter_unavailable',
    });
  });

  it('fails open for a read class, and says so', async () => {
    const read: LimitPolicy = { perUser: { max: 100, windowSeconds: 60 }, onFailure: 'open' };

    expect(await checkLimit(failingCounters, 'read', read, { userId: 'u1' }, at(0))).toEqual({
      allowed: true,
      degraded: 'counters_unavailable',
    });
  });

  it('touches no counter for a class without budgets', async () => {
    expect(await checkLimit(failingCounters, 'none', { onFailure: 'closed' }, { userId: 'u1' }, at(0))).toEqual({
      allowed: true,
    });
  });
});
