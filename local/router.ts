/**
 * The local API Gateway: a node:http server that serves the shared route table (lib/routes/)
 * the way an HTTP API with a Cognito JWT authorizer and Lambda proxy integrations (payload 2.0)
 * does, calling each route's real handler in this process.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { lambdaRuntimeDefaults } from '../lib/constructs/lambda-defaults';
import type { RouteDefinition } from '../lib/routes';
import { apiGatewayRequestId, buildApiEvent, lambdaContext, toHttpResult, type HttpResult } from './api-event';
import { LocalStackError, localEnvNames } from './config';
import { jwksUrl, type Jwks } from './emulators/cognito';
import { importSource, type Handler, type HandlerLoader } from './handler-loader';
import { listen, readBody, type ListeningServer } from './http-server';
import { createJwtAuthorizer } from './jwt-authorizer';

/** API Gateway's payload limit for HTTP APIs. */
export const maxBodyBytes = 10 * 1024 * 1024;

export interface LocalApiOptions {
  routes: readonly RouteDefinition[];
  /** Merged into process.env before any handler loads (handlers read their config from it). */
  env?: Record<string, string>;
  /** 0 picks a free port. */
  port: number;
  /** @default '127.0.0.1' (local only) */
  host?: string;
  /**
   * The authorizer's pool and client, as the CDK API's HttpJwtAuthorizer is configured.
   * @default from env: USER_POOL_ID, USER_POOL_CLIENT_ID, and the JWKS fetched from
   * AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
   */
  auth?: { userPoolId: string; clientId: string; jwks?: Jwks; tokenUse?: 'access' | null };
  /** How a route's handler module is loaded. @default importSource */
  loadHandler?: HandlerLoader;
  /** Access log and handler errors. @default console.log */
  log?: (line: string) => void;
}

export type LocalApi = ListeningServer;

type Segment = { literal: string } | { param: string; greedy: boolean };

interface CompiledRoute {
  route: RouteDefinition;
  segments: Segment[];
  /** Lower sorts first: literal segments beat {param}, which beats {proxy+}. */
  rank: number[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const segments: Segment[] = route.path
    .split('/')
    .slice(1)
    .map((part) => {
      const match = /^\{([^}+]+)(\+)?\}$/.exec(part);
      return match ? { param: match[1], greedy: match[2] === '+' } : { literal: part };
    });
  const rank = segments.map((segment) => ('literal' in segment ? 0 : segment.greedy ? 2 : 1));
  return { route, segments, rank };
}

function byRank(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i += 1) {
    if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
  }
  return b.rank.length - a.rank.length;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function matchPath(compiled: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < compiled.segments.length; i += 1) {
    const segment = compiled.segments[i];
    if ('literal' in segment) {
      if (parts[i] !== segment.literal) return undefined;
    } else if (segment.greedy) {
      if (i >= parts.length) return undefined;
      params[segment.param] = decode(parts.slice(i).join('/'));
      return params;
    } else {
      if (parts[i] === undefined || parts[i] === '') return undefined;
      params[segment.param] = decode(parts[i]);
    }
  }
  return parts.length === compiled.segments.length ? params : undefined;
}

/** Finds the most specific route for a method and raw path, as API Gateway selects routes. */
export function createRouteMatcher(routes: readonly RouteDefinition[]) {
  const compiled = routes.map(compile).sort(byRank);
  return (method: string, rawPath: string) => {
    const parts = rawPath.split('/').slice(1);
    for (const candidate of compiled) {
      if (candidate.route.method !== method) continue;
      const params = matchPath(candidate, parts);
      if (params) return { route: candidate.route, pathParameters: Object.keys(params).length ? params : undefined };
    }
    return undefined;
  };
}

function send(res: ServerResponse, requestId: string, result: HttpResult): void {
  res.statusCode = result.statusCode;
  for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  if (result.cookies.length) res.setHeader('set-cookie', result.cookies);
  res.setHeader('apigw-requestid', requestId);
  res.end(result.body);
}

/** API Gateway's own error answers: a JSON message, never a handler's internals. */
function gatewayError(statusCode: number, message: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

async function resolveAuth(options: LocalApiOptions) {
  if (!options.routes.some((route) => route.auth.kind === 'jwt')) return undefined;
  const env = process.env;
  const userPoolId = options.auth?.userPoolId ?? env[localEnvNames.userPoolId];
  const clientId = options.auth?.clientId ?? env[localEnvNames.userPoolClientId];
  const endpoint = env[localEnvNames.cognitoEndpoint];
  if (!userPoolId || !clientId) {
    throw new LocalStackError(
      `JWT routes need ${localEnvNames.userPoolId} and ${localEnvNames.userPoolClientId} (or the auth option).`,
    );
  }
  let jwks = options.auth?.jwks;
  if (!jwks) {
    if (!endpoint)
      throw new LocalStackError(`JWT routes need ${localEnvNames.cognitoEndpoint} to fetch cognito-local's JWKS.`);
    const fetchJwks = () => fetch(jwksUrl(endpoint, userPoolId));
    // Once more on a network error: a pooled keep-alive connection that cognito-local closed
    // while this process was busy (a synth at load blocks the event loop for seconds) fails the
    // first request sent on it, and the retry opens a fresh one.
    const response = await fetchJwks()
      .catch(fetchJwks)
      .catch((error: Error) => {
        throw new LocalStackError(`Cannot fetch the JWKS from cognito-local at ${endpoint}: ${error.message}`);
      });
    if (!response.ok)
      throw new LocalStackError(`cognito-local answered ${response.status} for the JWKS of ${userPoolId}.`);
    jwks = (await response.json()) as Jwks;
  }
  return createJwtAuthorizer({ userPoolId, clientId, jwks, tokenUse: options.auth?.tokenUse });
}

/** Starts the local API and resolves once it listens. */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  if (options.env) Object.assign(process.env, options.env);
  const log = options.log ?? ((line: string) => console.log(line));
  const match = createRouteMatcher(options.routes);
  const authorize = await resolveAuth(options);
  // Each handler module is imported once, on first use, like a Lambda cold start.
  const handlers = new Map<string, Promise<Handler>>();
  const load = options.loadHandler ?? importSource;
  const loadHandler = (route: RouteDefinition): Promise<Handler> => {
    let loading = handlers.get(route.entry);
    if (!loading) {
      loading = load(route);
      // A module that failed to load is retried on the next request (after the developer fixes it).
      loading.catch(() => handlers.delete(route.entry));
      handlers.set(route.entry, loading);
    }
    return loading;
  };

  const invoke = async (route: RouteDefinition, event: unknown): Promise<HttpResult> => {
    const timeoutMs = lambdaRuntimeDefaults.timeoutSeconds * 1000;
    const context = lambdaContext(route, Date.now() + timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Task timed out after ${lambdaRuntimeDefaults.timeoutSeconds}.00 seconds`)),
        timeoutMs,
      );
    });
    try {
      const handler = await loadHandler(route);
      return toHttpResult(await Promise.race([handler(event, context), timedOut]));
    } finally {
      clearTimeout(timer);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const requestId = apiGatewayRequestId();
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);
    let routeId = '-';
    let result: HttpResult;
    const body = await readBody(req, maxBodyBytes);
    const found = match(req.method ?? 'GET', rawPath);
    if (body === 'too-large') {
      result = gatewayError(413, 'Request Entity Too Large');
    } else if (!found) {
      result = gatewayError(404, 'Not Found');
    } else {
      routeId = found.route.id;
      const auth = found.route.auth.kind === 'jwt' ? authorize?.(req.headers.authorization) : undefined;
      if (auth && !auth.authorized) {
        result = gatewayError(401, 'Unauthorized', { 'www-authenticate': auth.wwwAuthenticate });
      } else {
        const event = buildApiEvent({
          req,
          route: found.route,
          rawPath,
          rawQueryString,
          pathParameters: found.pathParameters,
          body,
          claims: auth?.claims,
          requestId,
        });
        try {
          result = await invoke(found.route, event);
        } catch (error) {
          log(`[${routeId}] ${(error as Error)?.stack ?? String(error)}`);
          result = gatewayError(500, 'Internal Server Error');
        }
      }
    }
    send(res, requestId, result);
    // The route's template, not the raw path, as API Gateway's access log has `routeKey`: a
    // public share path carries its token, which never goes into a log (SECURITY H1).
    log(
      `${req.method} ${found ? found.route.path : rawPath} ${result.statusCode} ${Date.now() - started}ms ${routeId}`,
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      log(`local API failure: ${error.stack ?? error.message}`);
      if (!res.headersSent) send(res, apiGatewayRequestId(), gatewayError(500, 'Internal Server Error'));
      else res.destroy();
    });
  });
  return listen(server, {
    port: options.port,
    host: options.host ?? '127.0.0.1',
    listenError: (error) =>
      error.code === 'EADDRINUSE' ? new LocalStackError(`Port ${options.port} (local API) is already in use.`) : error,
  });
}
