/**
 * Every HTTP route, declared once. The CDK API construct builds API Gateway routes, Lambda
 * functions and their grants from this table; the local router serves the same table with the
 * same handlers. A route is JWT-authorized unless it is `public`, and a public route must say
 * how it authenticates itself (the infra tests hold the allowlist).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's function may do to the table; the construct turns this into least-privilege IAM. */
export type TableAccess = 'none' | 'read' | 'readWrite';

export interface RouteDefinition {
  /** PascalCase id, used for construct ids and function names. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path, with `{param}` placeholders. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly auth: { readonly kind: 'jwt' } | { readonly kind: 'public'; readonly reason: string };
  readonly table: TableAccess;
}

const jwt = { kind: 'jwt' } as const;

export const routes: readonly RouteDefinition[] = [
  {
    id: 'Health',
    method: 'GET',
    path: '/health',
    entry: 'lambdas/http/health.ts',
    auth: { kind: 'public', reason: 'Liveness probe: returns a constant and touches no user data.' },
    table: 'none',
  },
  {
    id: 'GetMe',
    method: 'GET',
    path: '/v1/me',
    entry: 'lambdas/http/me/get-me.ts',
    auth: jwt,
    // Creates the profile and the starter grant on the first call, hence write access.
    table: 'readWrite',
  },
  {
    id: 'UpdateMe',
    method: 'PATCH',
    path: '/v1/me',
    entry: 'lambdas/http/me/update-me.ts',
    auth: jwt,
    table: 'readWrite',
  },
  {
    id: 'RecordConsents',
    method: 'POST',
    path: '/v1/me/consents',
    entry: 'lambdas/http/me/record-consents.ts',
    auth: jwt,
    table: 'readWrite',
  },
];
