/**
 * The one middy stack every HTTP handler uses. A handler file declares its body schema and a
 * function from a typed request to a result; this module does the rest, the same way for every
 * route: Lambda context and correlation id on the logger, caller from the verified claims, body
 * parsing and validation, JSON response, error mapping, one access-log line.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '../logger';
import { callerFrom, type Caller } from './caller';
import { errorResponse, statusOf } from './error-response';
import { defaultMaxBodyBytes, parseJsonBody } from './json-body';
import { jsonResponse } from './json-response';
import type { Schema } from '../validation';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

export interface RouteResult {
  /** @default 200 */
  status?: number;
  /** A 204 has none. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface PublicRequest {
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Lowercase names, as API Gateway's payload 2.0 delivers them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface UserRequest<Body> extends PublicRequest {
  readonly caller: Caller;
  readonly body: Body;
}

export interface UserRouteOptions<Body> {
  /** Schema of the JSON body; a route without one ignores any body. */
  body?: Schema<Body>;
  /** @default 16 KiB */
  maxBodyBytes?: number;
  /** The body may be left out entirely (every field optional); it then reads as `{}`. */
  bodyOptional?: boolean;
}

export type HttpHandler = middy.MiddyfiedHandler<Event, Result, Error, Context>;

/** A route on the public allowlist: no caller. */
export function publicRoute(run: (request: PublicRequest) => Promise<RouteResult>): HttpHandler {
  return withHttpStack((event) => run(requestParts(event)));
}

/** A JWT-authorized route acting for the signed-in caller. */
export function userRoute<Body = undefined>(
  options: UserRouteOptions<Body>,
  run: (request: UserRequest<Body>) => Promise<RouteResult>,
): HttpHandler {
  return withHttpStack((event) => {
    const caller = callerFrom(event);
    const body = options.body
      ? parseJsonBody(
          event,
          options.body,
          options.maxBodyBytes ?? defaultMaxBodyBytes,
          options.bodyOptional ? {} : undefined,
        )
      : (undefined as Body);
    return run({ ...requestParts(event), caller, body });
  });
}

function requestParts(event: Event): PublicRequest {
  return {
    pathParameters: event.pathParameters ?? {},
    query: event.queryStringParameters ?? {},
    headers: event.headers ?? {},
  };
}

function withHttpStack(run: (event: Event) => Promise<RouteResult>): HttpHandler {
  return middy<Event, Result, Error, Context>(async (event: Event) => {
    const result = await run(event);
    const response = jsonResponse(result.status ?? 200, result.body);
    if (result.headers) response.headers = { ...response.headers, ...result.headers };
    return response;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlationAndAccessLog())
    .use(errorMapping());
}

function correlationAndAccessLog(): middy.MiddlewareObj<Event, Result, Error, Context> {
  const started = new WeakMap<object, number>();
  const logLine = (request: middy.Request<Event, Result, Error, Context>) => {
    const startedAt = started.get(request) ?? performance.now();
    logger.info('request', {
      route: request.event.routeKey,
      status: request.response?.statusCode,
      durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    });
  };
  return {
    before: (request) => {
      started.set(request, performance.now());
      logger.setCorrelationId(request.event.requestContext?.requestId);
    },
    after: logLine,
    onError: logLine,
  };
}

/** Runs first on error (middy runs onError in reverse order of `use`), so the access log sees the status. */
function errorMapping(): middy.MiddlewareObj<Event, Result, Error, Context> {
  return {
    onError: (request) => {
      const status = statusOf(request.error);
      if (status === undefined) {
        logger.error('unhandled error', { error: request.error as Error });
      }
      request.response = errorResponse(request.error);
    },
  };
}
