/**
 * The request limiter in the route stack (issue 15, docs/abuse.md): before a handler runs, one
 * conditional write consumes a request from the caller's budgets of the route's limit class (its
 * user's, and its source IP's where the class has one). A spent budget is a 429 `rate_limited`
 * with Retry-After; counters that cannot be reached are a 503 for a class that fails closed and
 * a logged pass for one that fails open. It runs before the contract is checked, so malformed
 * requests count too: a flood of bad requests is still a flood.
 */
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { limitCounters } from '../../adapters/dynamodb/limit-counters';
import { documentClient } from '../../adapters/dynamodb/client';
import { secretString } from '../../adapters/secrets/secret-string';
import { hmacSubjectHasher } from '../../adapters/secrets/subject-hasher';
import type { SubjectHasher } from '../../domain/account-deletion/ports';
import { checkLimit, type LimitCounters, type LimitDecision, type LimitPolicy } from '../../domain/limits/limits';
import { routeLimitsConfig, tableConfig } from '../config';
import { RateLimitedError, TemporarilyUnavailableError } from '../errors';
import { isUserId } from '../../domain/shared/id-formats';
import { logger } from '../logger';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/** What the limiter needs, replaceable in unit tests. */
export interface RequestLimitDeps {
  counters(): LimitCounters;
  /** A keyed hash of the source IP: counters never hold an address. */
  hashIp(ip: string): Promise<string>;
  now(): Date;
}

let counters: LimitCounters | undefined;
/** The retained records' keyed hash, under the same key; `ip:` keeps an address apart from any user id. */
let ipHasher: SubjectHasher | undefined;

const defaultDeps: RequestLimitDeps = {
  counters: () => {
    counters ??= limitCounters(documentClient, tableConfig().TABLE_NAME);
    return counters;
  },
  hashIp(ip) {
    ipHasher ??= hmacSubjectHasher(async () => {
      const secretId = routeLimitsConfig().USER_ID_HASH_KEY_SECRET_ID;
      if (!secretId) throw new Error('a per-IP limit without the hash key secret');
      return secretString(secretId);
    });
    return ipHasher.hash(`ip:${ip}`);
  },
  now: () => new Date(),
};

/** The verified `sub` of a JWT route (the handler's own caller check still runs after). */
function userIdOf(event: Event): string | undefined {
  const sub = event.requestContext?.authorizer?.jwt?.claims?.sub;
  return isUserId(sub) ? sub : undefined;
}

/** Decides for one request: consumed, refused, or the counters' failure as the class says. */
export async function decideRequest(
  event: Event,
  policy: LimitPolicy & { readonly limitClass: string },
  deps: RequestLimitDeps,
): Promise<LimitDecision> {
  let ipHash: string | undefined;
  if (policy.perIp) {
    try {
      ipHash = await deps.hashIp(event.requestContext?.http?.sourceIp ?? 'unknown');
    } catch {
      if (policy.onFailure === 'closed') return { allowed: false, reason: 'limiter_unavailable' };
      return { allowed: true, degraded: 'counters_unavailable' };
    }
  }
  return checkLimit(deps.counters(), policy.limitClass, policy, { userId: userIdOf(event), ipHash }, deps.now());
}

export function requestLimits(
  deps: RequestLimitDeps = defaultDeps,
): middy.MiddlewareObj<Event, unknown, Error, unknown> {
  return {
    before: async ({ event }) => {
      const policy = routeLimitsConfig().ROUTE_LIMITS?.[event.routeKey];
      if (!policy) return;
      const decision = await decideRequest(event, policy, deps);
      if (decision.allowed) {
        if (decision.degraded) logger.warn('request limits not checked', { limitClass: policy.limitClass });
        return;
      }
      if (decision.reason === 'limiter_unavailable') {
        throw new TemporarilyUnavailableError('limiter_unavailable', 'Please try again in a moment.');
      }
      throw new RateLimitedError(
        'rate_limited',
        'Too many requests: try again after the number of seconds in Retry-After.',
        decision.retryAfterSeconds,
      );
    },
  };
}
