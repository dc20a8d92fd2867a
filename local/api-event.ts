/**
 * The two translations API Gateway (HTTP API, payload format 2.0) does around a Lambda
 * integration: an HTTP request into an `APIGatewayProxyEventV2` (with the JWT authorizer's
 * context on authorized routes), and the handler's result back into an HTTP response.
 * Plus the Lambda `Context` the runtime would pass.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { lambdaRuntimeDefaults } from '../lib/constructs/lambda-defaults';
import type { RouteDefinition } from '../lib/routes';
import type { ApiGatewayClaims } from './jwt-authorizer';

export const localAccountId = '123456789012';
export const localApiId = 'pictorlcl0';

/** Public routes get no `authorizer` in their request context, as in AWS. */
export type LocalApiEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'], 'authorizer'> & {
    authorizer?: APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'];
  };
};

export interface EventInput {
  req: IncomingMessage;
  route: RouteDefinition;
  rawPath: string;
  rawQueryString: string;
  pathParameters: Record<string, string> | undefined;
  body: Buffer;
  claims?: ApiGatewayClaims;
  requestId: string;
}

/** API Gateway request ids look like "JKJaXmPLvHcESHA=". */
export function apiGatewayRequestId(): string {
  return randomBytes(11).toString('base64').replace(/[+/]/g, 'x');
}

/**
 * HTTP APIs pass text bodies through and base64-encode everything else (binary, form posts,
 * and bodies without a content type).
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type.startsWith('text/') || /^application\/(.+\+)?(json|xml)$/.test(type) || type === 'application/javascript';
}

/** "12/Mar/2020:19:03:58 +0000", the format of requestContext.time. */
function clfTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${day}:${time} +0000`;
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const params: Record<string, string> = {};
  // Repeated keys are joined with commas, as API Gateway does for payload 2.0.
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    params[key] = key in params ? `${params[key]},${value}` : value;
  }
  return params;
}

export function buildApiEvent(input: EventInput): LocalApiEvent {
  const { req, route, rawPath, rawQueryString, body, claims, requestId } = input;
  const now = new Date();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  // Headers API Gateway adds on the way in.
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  const cookies = req.headers.cookie
    ?.split(';')
    .map((cookie) => cookie.trim())
    .filter(Boolean);
  const domainName = req.headers.host ?? 'localhost';
  const text = isTextContentType(req.headers['content-type']);
  const routeKey = `${route.method} ${route.path}`;

  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(queryParameters(rawQueryString) ? { queryStringParameters: queryParameters(rawQueryString) } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: localAccountId,
      apiId: localApiId,
      domainName,
      domainPrefix: domainName.split('.')[0].split(':')[0],
      http: {
        method: req.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
      ...(claims
        ? {
            authorizer: {
              // Measured API Gateway behaviour: `scopes` is null on routes without
              // authorizationScopes (none of Pictor's have any), whatever the token carries.
              jwt: { claims, scopes: null as unknown as string[] },
            },
          }
        : {}),
    },
    ...(body.length > 0 ? { body: body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

/** What naming and sizing a local function's context needs; route and worker definitions both fit. */
export interface LocalFunction {
  readonly id: string;
  /** @default lambdaRuntimeDefaults.memorySizeMb */
  readonly memorySizeMb?: number;
}

export const localFunctionName = (fn: LocalFunction) => `pictor-local-${fn.id}`;

/**
 * A Lambda context as the Node.js runtime builds it, with the deadline of the configured timeout.
 * `now` is the clock the deadline is on (the local queues pass theirs).
 */
export function lambdaContext(fn: LocalFunction, deadline: number, now: () => number = Date.now): Context {
  const functionName = localFunctionName(fn);
  const unsupported = () => {
    throw new Error('context.done/fail/succeed are not supported: return a value or throw');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${localAccountId}:function:${functionName}`,
    memoryLimitInMB: String(fn.memorySizeMb ?? lambdaRuntimeDefaults.memorySizeMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${clfTime(new Date()).slice(0, 11)}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * Payload 2.0 response rules: an object with `statusCode` is used as given; anything else
 * (an object without statusCode, a string, a number) is the JSON body of a 200. A malformed
 * structured result is a 500, as API Gateway answers.
 */
export function toHttpResult(result: unknown): HttpResult {
  if (typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result) {
    const structured = result as {
      statusCode: unknown;
      headers?: Record<string, unknown>;
      cookies?: unknown;
      body?: unknown;
      isBase64Encoded?: unknown;
    };
    const status = structured.statusCode;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
      throw new Error(`Malformed Lambda proxy response: statusCode ${JSON.stringify(status)}`);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const cookies = Array.isArray(structured.cookies) ? structured.cookies.map(String) : [];
    const body = structured.body === undefined || structured.body === null ? '' : String(structured.body);
    return {
      statusCode: status,
      headers,
      cookies,
      body: Buffer.from(body, structured.isBase64Encoded === true ? 'base64' : 'utf8'),
    };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(JSON.stringify(result ?? null)),
  };
}
