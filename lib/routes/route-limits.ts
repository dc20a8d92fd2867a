/**
 * From the route table and the stage's limits to what each function is configured with: the
 * route key API Gateway sends (`POST /v1/me/exports`), and the budgets of its limit class.
 * lib/api-stack.ts sets each function's own entry; the local stack sets every route's.
 */
import {
  type ClassLimits,
  hasCounters,
  type LimitClass,
  type RouteThrottle,
} from '../../lambdas/domain/limits/limit-classes';
import type { RouteDefinition } from './route-definition';

/** API Gateway's `routeKey`, as the event carries it and as route throttles are keyed. */
export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** What the runtime's ROUTE_LIMITS holds for one route (lambdas/shared/config.ts reads it back). */
export interface RouteLimitEntry {
  readonly limitClass: LimitClass;
  readonly perUser?: ClassLimits['perUser'];
  readonly perIp?: ClassLimits['perIp'];
  readonly onFailure: ClassLimits['onFailure'];
}

/** The entry of a route whose class keeps counters; none for one limited only by its route throttle. */
export function routeLimitEntry(
  route: RouteDefinition,
  limits: Readonly<Record<LimitClass, ClassLimits>>,
): RouteLimitEntry | undefined {
  const classLimits = limits[route.limit];
  if (!hasCounters(classLimits)) return undefined;
  const { throttle: _throttle, ...policy } = classLimits;
  return { limitClass: route.limit, ...policy };
}

/** ROUTE_LIMITS for `routes`: route key → entry, for the routes that keep counters. */
export function routeLimitsOf(
  routes: readonly RouteDefinition[],
  limits: Readonly<Record<LimitClass, ClassLimits>>,
): Record<string, RouteLimitEntry> {
  const entries: Record<string, RouteLimitEntry> = {};
  for (const route of routes) {
    const entry = routeLimitEntry(route, limits);
    if (entry) entries[routeKeyOf(route)] = entry;
  }
  return entries;
}

/**
 * API Gateway's throttle for a route: its class's, but never above the stage's own, since a route
 * setting replaces the stage default rather than narrowing it.
 */
export function routeThrottleOf(
  route: RouteDefinition,
  limits: Readonly<Record<LimitClass, ClassLimits>>,
  stageThrottle: RouteThrottle,
): RouteThrottle {
  const { rateLimit, burstLimit } = limits[route.limit].throttle;
  return {
    rateLimit: Math.min(rateLimit, stageThrottle.rateLimit),
    burstLimit: Math.min(burstLimit, stageThrottle.burstLimit),
  };
}
