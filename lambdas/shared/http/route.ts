/**
 * The one middy stack every HTTP handler uses. A handler file declares its request contract
 * (body, query, headers, path ids) and a function from the typed, validated request to a result;
 * this module does the rest, the same way for every route: Lambda context and correlation id on
 * the logger, the route's request limits (./request-limits.ts), caller from the verified claims,
 * the contract checked before the handler runs, JSON response, error mapping, one access-log
 * line. The contract also rides on the handler
 * (`handler.contract`), so tests, and later an OpenAPI document, enumerate every route's request
 * schemas from lib/routes/ instead of a hand-kept list.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as v from 'valibot';
import { ForbiddenError, type ValidationError } from '../errors';
import { logger } from '../logger';
import { validate, type Schema } from '../validation';
import { baseUrlOf } from './base-url';
import { callerFrom, type Caller } from './caller';
import { errorResponse, statusOf } from './error-response';
import { defaultMaxBodyBytes, parseJsonBody } from './json-body';
import { jsonResponse } from './json-response';
import { pathId } from './path-id';
import { refusalOf } from './refusal';
import { requestLimits } from './request-limits';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

export interface RouteResult {
  /** @default 200 */
  status?: number;
  /** A 204 has none. */
  body?: unknown;
  /** A body sent as is instead of JSON (an HTML page); `headers` give its content type. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A request header the route requires or reads, with the code its refusal answers. */
export interface HeaderRule<T = unknown> {
  readonly schema: Schema<T>;
  /** Stable, part of the public API (README's error list). */
  readonly code: ValidationError['code'];
}

/** Everything a route accepts, declared in one object; nothing undeclared reaches the handler. */
export interface RouteContract {
  /** Schema of the JSON body; a route without one ignores any body. */
  readonly body?: Schema<unknown>;
  /** @default 16 KiB */
  readonly maxBodyBytes?: number;
  /** The body may be left out entirely (every field optional); it then reads as `{}`. */
  readonly bodyOptional?: boolean;
  /** Schema of the query parameters (an object of strings); undeclared parameters are ignored. */
  readonly query?: Schema<unknown>;
  /** Lowercase header names, as API Gateway's payload 2.0 delivers them. */
  readonly headers?: Readonly<Record<string, HeaderRule>>;
  /**
   * Path parameters, each an id Pictor issued, and what it names ("conversation"): an id
   * Pictor could not have issued answers 404 `No such conversation.` without a read.
   */
  readonly params?: Readonly<Record<string, string>>;
  /**
   * The Cognito group the caller must be in (their access token's `cognito:groups`), checked
   * here and nowhere else: anyone else gets 403 `group_required` before anything is read. The
   * route row declares the same group (`auth.group` in lib/routes/); a test holds the two equal.
   */
  readonly group?: UserGroup;
}

/** The Cognito groups a route may require (lib/constructs/user-directory.ts creates each). */
export type UserGroup = 'moderators';

type Output<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined;

export interface UserRequest<C extends RouteContract = RouteContract> {
  readonly caller: Caller;
  readonly body: Output<C['body']>;
  readonly query: Output<C['query']>;
  readonly headers: { readonly [Name in keyof C['headers']]: Output<NonNullable<C['headers']>[Name]['schema']> };
  readonly params: { readonly [Name in keyof C['params']]: string };
  /** The API's public address as this request reached it, for absolute URLs (./base-url.ts). */
  readonly baseUrl: string;
}

export interface PublicRequest<B = undefined> {
  /** The body, validated against `options.body` (undefined without one). */
  readonly body: B;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  /** The declared path ids (`PublicRouteOptions.params`), checked. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Lowercase names, as API Gateway's payload 2.0 delivers them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The API's public address as this request reached it, for absolute URLs (./base-url.ts). */
  readonly baseUrl: string;
}

export type HttpHandler = middy.MiddyfiedHandler<Event, Result, Error, Context>;

/** A handler and the request contract it enforces. */
export type RouteHandler = HttpHandler & { readonly contract: RouteContract };

/**
 * What a public route declares: how it proves who calls it (`authenticate`, e.g. a webhook's
 * shared secret), its path ids (checked as a user route's are), its body, and headers on every
 * answer.
 */
export interface PublicRouteOptions<B> {
  /** Runs first, before the body is read: throw (UnauthenticatedError) to refuse with nothing touched. */
  readonly authenticate?: (headers: Readonly<Record<string, string | undefined>>) => Promise<void>;
  /** As `RouteContract.params`: a value Pictor could not have issued answers 404 before `run`. */
  readonly params?: Readonly<Record<string, string>>;
  readonly body?: Schema<B>;
  /** @default defaultMaxBodyBytes */
  readonly maxBodyBytes?: number;
  /** Headers on every answer of the route, its errors included (the share routes' security headers). */
  readonly responseHeaders?: Readonly<Record<string, string>>;
}

/**
 * A route on the public allowlist: no caller. Its own check runs before anything else; the
 * health check has none and reads nothing. Its contract is its path ids and its body, checked as
 * a user route's are (404, 413, 415, 400); a route with its own `authenticate` leaves the body out
 * of the contract, since the contract fuzzing cannot present the route's secret.
 */
export function publicRoute<B = undefined>(
  run: (request: PublicRequest<B>) => Promise<RouteResult>,
  options: PublicRouteOptions<B> = {},
): RouteHandler {
  const contract: RouteContract = {
    ...(options.params ? { params: options.params } : {}),
    ...(options.body && !options.authenticate
      ? { body: options.body as RouteContract['body'], maxBodyBytes: options.maxBodyBytes }
      : {}),
  };
  return withContract(
    withHttpStack(async (event) => {
      const headers = event.headers ?? {};
      if (options.authenticate) await options.authenticate(headers);
      const body = options.body
        ? parseJsonBody(event, options.body, options.maxBodyBytes ?? defaultMaxBodyBytes)
        : (undefined as B);
      return run({
        body,
        pathParameters: event.pathParameters ?? {},
        params: pathIds(event, contract),
        query: event.queryStringParameters ?? {},
        headers,
        baseUrl: baseUrlOf(event),
      });
    }, options.responseHeaders),
    contract,
  );
}

/**
 * A JWT-authorized route acting for the signed-in caller. Checked in this order, each before
 * anything is read or written: the caller (401), the path ids (404), the headers, the query and
 * the body (413, 415, 400).
 */
export function userRoute<const C extends RouteContract>(
  contract: C,
  run: (request: UserRequest<C>) => Promise<RouteResult>,
): RouteHandler {
  return withContract(
    withHttpStack((event) => {
      const caller = callerFrom(event);
      if (contract.group && !caller.groups.includes(contract.group)) {
        throw new ForbiddenError('group_required', `This route is for the ${contract.group} group.`);
      }
      const params = pathIds(event, contract);
      const headers = Object.fromEntries(
        Object.entries(contract.headers ?? {}).map(([name, rule]) => [name, headerValue(event, name, rule)]),
      );
      const query = contract.query ? queryValue(event, contract.query) : undefined;
      const body = contract.body
        ? parseJsonBody(
            event,
            contract.body,
            contract.maxBodyBytes ?? defaultMaxBodyBytes,
            contract.bodyOptional ? {} : undefined,
          )
        : undefined;
      return run({ caller, params, headers, query, body, baseUrl: baseUrlOf(event) } as UserRequest<C>);
    }),
    contract,
  );
}

/** The declared path ids, each checked (404 for one Pictor could not have issued). */
function pathIds(event: Event, contract: RouteContract): Record<string, string> {
  return Object.fromEntries(
    Object.entries(contract.params ?? {}).map(([name, what]) => [name, pathId(event.pathParameters?.[name], what)]),
  );
}

function withContract(handler: HttpHandler, contract: RouteContract): RouteHandler {
  return Object.assign(handler, { contract });
}

function headerValue(event: Event, name: string, rule: HeaderRule): unknown {
  const result = validate(rule.schema, event.headers?.[name]);
  if (!result.success) throw refusalOf(result.issues, { code: rule.code, field: headerName(name) });
  return result.data;
}

function queryValue(event: Event, schema: Schema<unknown>): unknown {
  const result = validate(schema, event.queryStringParameters ?? {});
  if (!result.success) throw refusalOf(result.issues);
  return result.data;
}

/** `idempotency-key` → `Idempotency-Key`, as clients spell it. */
const headerName = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

function withHttpStack(
  run: (event: Event) => Promise<RouteResult>,
  responseHeaders?: Readonly<Record<string, string>>,
): HttpHandler {
  const stack = middy<Event, Result, Error, Context>(async (event: Event) => {
    const result = await run(event);
    const response =
      result.rawBody === undefined
        ? jsonResponse(result.status ?? 200, result.body)
        : { statusCode: result.status ?? 200, body: result.rawBody };
    if (result.headers) response.headers = { ...response.headers, ...result.headers };
    return response;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlationAndAccessLog())
    .use(requestLimits());
  if (responseHeaders) stack.use(withResponseHeaders(responseHeaders));
  return stack.use(errorMapping());
}

/** Adds `headers` to the answer, after the error mapping has made one of an error (onError runs in reverse order). */
function withResponseHeaders(
  headers: Readonly<Record<string, string>>,
): middy.MiddlewareObj<Event, Result, Error, Context> {
  const add = (request: middy.Request<Event, Result, Error, Context>) => {
    if (request.response) request.response.headers = { ...request.response.headers, ...headers };
  };
  return { after: add, onError: add };
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
