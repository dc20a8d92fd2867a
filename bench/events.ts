/**
 * Synthetic inputs for the first invocation: an API Gateway HTTP API (payload v2) event for a
 * route as API Gateway would deliver it (JWT routes carry the claims its authorizer verified),
 * and the Lambda-like environment every child process gets.
 */
import type { RouteDefinition } from '../lib/routes';

const BENCH_USER = '3f1c2a9e-7b4d-4e1a-9c2b-5d6e7f8a9b0c';

/**
 * A small valid body per route that takes one, so the first call runs the real path (parse,
 * validate, DynamoDB) rather than a 400. Routes not listed get `{}`; if a schema changes and
 * a body here goes stale, the report's status column shows 400 and P3 still runs.
 */
const SAMPLE_BODIES: Readonly<Record<string, unknown>> = {
  UpdateMe: { displayName: 'Bench User' },
  RecordConsents: { ageConfirmed: true },
  RenameConversation: { title: 'Bench' },
  CreateGeneration: { prompt: 'a lighthouse at dusk' },
  CreateUpload: { contentType: 'image/png' },
};

/** Headers a route requires besides the usual ones (without them the first call stops at a 400). */
const SAMPLE_HEADERS: Readonly<Record<string, Record<string, string>>> = {
  CreateGeneration: { 'idempotency-key': 'bench-0000-0000-0001' },
};

export function apiGatewayV2Event(route: RouteDefinition): unknown {
  const rawPath = route.path.replace(/\{([^}+]+)\+?\}/g, (_m, name: string) => `bench-${name}`);
  const pathParameters = Object.fromEntries(
    [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => [m[1]!, `bench-${m[1]!}`]),
  );
  const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  const now = Date.now();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      host: 'bench.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'pictor-bench',
      'x-forwarded-proto': 'https',
      ...(route.auth.kind === 'jwt' ? { authorization: 'Bearer bench' } : {}),
      ...SAMPLE_HEADERS[route.id],
    },
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      domainName: 'bench.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'bench',
      http: {
        method: route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'pictor-bench',
      },
      requestId: 'bench-request-1',
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      ...(route.auth.kind === 'jwt'
        ? {
            authorizer: {
              principalId: '',
              integrationLatency: 0,
              jwt: {
                claims: {
                  sub: BENCH_USER,
                  token_use: 'access',
                  client_id: 'bench-client',
                  scope: 'openid',
                  username: BENCH_USER,
                  iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
                  exp: String(Math.floor(now / 1000) + 900),
                  iat: String(Math.floor(now / 1000)),
                },
                scopes: null,
              },
            },
          }
        : {}),
    },
    ...(hasBody ? { body: JSON.stringify(SAMPLE_BODIES[route.id] ?? {}) } : {}),
    isBase64Encoded: false,
  };
}

/** Roughly what the Lambda runtime sets, with every AWS endpoint pointed at the stub. */
export function lambdaLikeEnvironment(
  functionName: string,
  stubUrl: string,
  memorySizeMb = 512,
): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench/bench/bench/bench/bench/bench/bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_ENDPOINT_URL: stubUrl,
    AWS_ENDPOINT_URL_DYNAMODB: stubUrl,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    PATH: '/usr/local/bin:/usr/bin:/bin',
    NODE_DISABLE_COMPILE_CACHE: '1',
  };
}
