/**
 * Request limits (issue 15; docs/abuse.md): each route names a limit class, each class has a
 * budget per user and per source IP over a window, and one check per request consumes from both
 * at once. The counters are fixed windows: a window's counter is one item whose key names the
 * window's start, incremented by a conditional ADD and expired by TTL. A token bucket or a
 * sliding window would need the previous count or the last refill time before the write, which
 * DynamoDB's update expressions cannot compute in the same request; a fixed window needs nothing
 * but the clock, so the check is one request, atomic under any concurrency. Its known cost: a
 * burst that straddles a window boundary may pass up to twice the budget in one window's length,
 * which the budgets in the stage config allow for.
 */

/** One budget: at most `max` requests per `windowSeconds`. */
export interface Budget {
  readonly max: number;
  readonly windowSeconds: number;
}

/** What a limit class allows, and what the route does when the counters cannot be reached. */
export interface LimitPolicy {
  readonly perUser?: Budget;
  readonly perIp?: Budget;
  /**
   * `closed`: refuse with 503 when the counter store fails (costly routes: a paid model behind an
   * outage of the limiter must not be free to flood). `open`: let the request through (reads,
   * which cost little and which an outage of the counters must not take down).
   */
  readonly onFailure: 'open' | 'closed';
}

/** Whose budget a counter holds: a user id, or a keyed hash of a source IP (never the IP itself). */
export interface CounterSubject {
  readonly scope: 'user' | 'ip';
  readonly id: string;
}

/** One counter to consume from: the class, the subject, the window it falls in and its budget. */
export interface CounterCheck {
  readonly limitClass: string;
  readonly subject: CounterSubject;
  /** Epoch seconds the window starts at (a multiple of the window length). */
  readonly windowStart: number;
  readonly windowSeconds: number;
  readonly max: number;
}

export type ConsumeOutcome =
  | { readonly outcome: 'consumed' }
  /** The first check (by position) whose budget is spent; nothing was consumed from any. */
  | { readonly outcome: 'exhausted'; readonly check: CounterCheck };

/** The counter store: consumes one from every check, or from none when any budget is spent. */
export interface LimitCounters {
  consume(checks: readonly CounterCheck[]): Promise<ConsumeOutcome>;
}

export type LimitDecision =
  | { readonly allowed: true; readonly degraded?: 'counters_unavailable' }
  | {
      readonly allowed: false;
      readonly reason: 'rate_limited';
      readonly scope: 'user' | 'ip';
      readonly retryAfterSeconds: number;
    }
  | { readonly allowed: false; readonly reason: 'limiter_unavailable' };

/** The window of length `windowSeconds` that `nowSeconds` falls in, as its start. */
export const windowStartOf = (nowSeconds: number, windowSeconds: number): number =>
  Math.floor(nowSeconds / windowSeconds) * windowSeconds;

/** The checks one request makes under `policy`: its user's budget and its IP's, those the class has. */
export function checksFor(
  limitClass: string,
  policy: LimitPolicy,
  subjects: { userId?: string; ipHash?: string },
  nowSeconds: number,
): CounterCheck[] {
  const checks: CounterCheck[] = [];
  const add = (budget: Budget | undefined, subject: CounterSubject | undefined) => {
    if (!budget || !subject) return;
    checks.push({
      limitClass,
      subject,
      windowStart: windowStartOf(nowSeconds, budget.windowSeconds),
      windowSeconds: budget.windowSeconds,
      max: budget.max,
    });
  };
  add(policy.perUser, subjects.userId === undefined ? undefined : { scope: 'user', id: subjects.userId });
  add(policy.perIp, subjects.ipHash === undefined ? undefined : { scope: 'ip', id: subjects.ipHash });
  return checks;
}

/**
 * The use case: consume one request from every budget that applies, and decide. A spent budget
 * answers with the seconds until its window ends (the `Retry-After`); a failing store answers as
 * the class's `onFailure` says.
 */
export async function checkLimit(
  counters: LimitCounters,
  limitClass: string,
  policy: LimitPolicy,
  subjects: { userId?: string; ipHash?: string },
  now: Date,
): Promise<LimitDecision> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const checks = checksFor(limitClass, policy, subjects, nowSeconds);
  if (checks.length === 0) return { allowed: true };
  let outcome: ConsumeOutcome;
  try {
    outcome = await counters.consume(checks);
  } catch {
    return policy.onFailure === 'open'
      ? { allowed: true, degraded: 'counters_unavailable' }
      : { allowed: false, reason: 'limiter_unavailable' };
  }
  if (outcome.outcome === 'consumed') return { allowed: true };
  const { check } = outcome;
  return {
    allowed: false,
    reason: 'rate_limited',
    scope: check.subject.scope,
    retryAfterSeconds: Math.max(1, check.windowStart + check.windowSeconds - nowSeconds),
  };
}
