/**
 * Every HTTP route, declared once. The CDK API construct builds API Gateway routes, Lambda
 * functions and their grants from this table; the local router serves the same table with the
 * same handlers. A route is JWT-authorized unless it is `public`, and a public route must say
 * how it authenticates itself (the infra tests hold the allowlist).
 */
import { accountRoutes } from './account';
import { conversationRoutes } from './conversations';
import { exportRoutes } from './exports';
import { libraryRoutes } from './library';
import { shareRoutes } from './shares';
import { billingRoutes } from './billing';
import { moderationRoutes } from './moderation';
import type { RouteDefinition } from './route-definition';
import { telegramRoutes } from './telegram';

export type { Capability, HttpMethod, RouteDefinition, TableAccess } from './route-definition';

/** Every route, area by area (each area's rows in its own module). */
export const routes: readonly RouteDefinition[] = [
  {
    id: 'Health',
    method: 'GET',
    path: '/health',
    entry: 'lambdas/http/health.ts',
    auth: { kind: 'public', reason: 'Liveness probe: returns a constant and touches no user data.' },
    table: 'none',
    limit: 'probe',
  },
  ...accountRoutes,
  ...conversationRoutes,
  ...libraryRoutes,
  ...shareRoutes,
  ...billingRoutes,
  ...moderationRoutes,
  ...telegramRoutes,
  ...exportRoutes,
];
