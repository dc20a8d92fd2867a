/**
 * The local stack itself: emulators provisioned from the same definitions as AWS, tokens the
 * production verifier accepts, and a local API Gateway that authorizes, routes and shapes
 * events and responses the way an HTTP API does.
 */
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { tableDesign } from '../../lambdas/adapters/dynamodb/table-design';
import { routes } from '../../lib/routes';
import { localEnvNames } from '../../local/config';
import { jwksUrl } from '../../local/emulators/cognito';
import { testRoutes } from '../support/fixtures/test-routes';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  localIssuer,
  mintExpiredToken,
  mintForeignIssuerToken,
  mintForeignKeyToken,
  mintToken,
} from '../support/tokens';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: is the integration globalSetup running?`);
  return value;
};

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ routes: [...routes, ...testRoutes] });
});

afterAll(() => api.close());

describe('local emulators', () => {
  it('creates the table with the keys, GSI and TTL of the table design', async () => {
    // Prepare
    const client = new DynamoDBClient({});
    const tableName = env('TABLE_NAME');

    // Act
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    client.destroy();

    // Assess
    expect(table?.KeySchema).toEqual([
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
    ]);
    const indexes = (table?.GlobalSecondaryIndexes ?? []).map((index) => [
      index.IndexName,
      index.KeySchema,
      index.Projection?.ProjectionType,
    ]);
    expect(indexes.sort()).toEqual([
      [
        'favorites',
        [
          { AttributeName: 'favoritesPk', KeyType: 'HASH' },
          { AttributeName: 'favoritesSk', KeyType: 'RANGE' },
        ],
        'ALL',
      ],
      [
        'gsi1',
        [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        'ALL',
      ],
      [
        'moderationQueue',
        [
          { AttributeName: 'queuePk', KeyType: 'HASH' },
          { AttributeName: 'queueSk', KeyType: 'RANGE' },
        ],
        'ALL',
      ],
      [
        'outbox',
        [
          { AttributeName: 'outboxPk', KeyType: 'HASH' },
          { AttributeName: 'outboxSk', KeyType: 'RANGE' },
        ],
        'KEYS_ONLY',
      ],
    ]);
    expect(new Set(table?.AttributeDefinitions?.map((d) => d.AttributeType))).toEqual(new Set(['S']));
    expect(ttl).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: tableDesign.timeToLiveAttribute });
  });

  it('creates the private images bucket', async () => {
    const client = new S3Client({ forcePathStyle: true });
    const head = await client.send(new HeadBucketCommand({ Bucket: env(localEnvNames.imagesBucket) }));
    client.destroy();
    expect(head.$metadata.httpStatusCode).toBe(200);
  });

  it('issues 15-minute access tokens that the production verifier accepts unchanged', async () => {
    // Prepare
    const userPoolId = env(localEnvNames.userPoolId);
    const clientId = env(localEnvNames.userPoolClientId);
    const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'access' });
    verifier.cacheJwks((await (await fetch(jwksUrl(env(localEnvNames.cognitoEndpoint), userPoolId))).json()) as Jwks);

    // Act
    const user = await api.signInUser('verifier@example.com');
    const payload = verifier.verifySync(user.accessToken);

    // Assess
    expect(payload.iss).toBe(localIssuer(userPoolId));
    expect(payload.sub).toBe(user.sub);
    expect(payload.exp - payload.iat).toBe(15 * 60);
  });
});

describe('local API Gateway', () => {
  it('serves a public route without a token', async () => {
    const response = await api.request('GET', '/health');
    expect(response.status).toBe(200);
  });

  it('refuses a JWT route without a token, as API Gateway does', async () => {
    const response = await api.request('GET', '/v1/me');
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ message: 'Unauthorized' });
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it.each([
    ['signed by a key the pool does not publish', () => mintForeignKeyToken()],
    ['from another issuer', () => mintForeignIssuerToken()],
    ['for another app client', () => mintToken({ signer: 'cognito-local', claims: { client_id: 'someotherclient' } })],
    ['that has expired', () => mintExpiredToken()],
    ['that is not a JWT', () => 'not-a-jwt'],
  ])('refuses a token %s with 401', async (_, token) => {
    const response = await api.request('GET', '/test/echo/1', { token: token() });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ message: 'Unauthorized' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('says why an expired token was refused', async () => {
    const response = await api.request('GET', '/test/echo/1', { token: mintExpiredToken() });
    expect(response.headers['www-authenticate']).toContain('the token has expired');
  });

  it('answers 404 Not Found for an unknown path or method', async () => {
    const unknownPath = await api.request('GET', '/v1/nothing-here');
    const unknownMethod = await api.request('DELETE', '/health');
    expect([unknownPath.status, unknownPath.json]).toEqual([404, { message: 'Not Found' }]);
    expect([unknownMethod.status, unknownMethod.json]).toEqual([404, { message: 'Not Found' }]);
  });

  it("hands the handler the Cognito user's sub and claims as API Gateway renders them", async () => {
    // Prepare
    const user = await api.signInUser('ann@example.com');

    // Act
    const response = await api.request('GET', '/test/echo/a%20b?x=1&x=2&y=', { token: user.accessToken });

    // Assess
    expect(response.status).toBe(200);
    const { event, context } = response.json as { event: any; context: any };
    const claims = event.requestContext.authorizer.jwt.claims;
    expect(claims.sub).toBe(user.sub);
    expect(claims.token_use).toBe('access');
    expect(typeof claims.exp).toBe('string');
    expect(event.requestContext.authorizer.jwt.scopes).toBeNull();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /test/echo/{id}',
      rawPath: '/test/echo/a%20b',
      rawQueryString: 'x=1&x=2&y=',
      queryStringParameters: { x: '1,2', y: '' },
      pathParameters: { id: 'a b' },
      isBase64Encoded: false,
      requestContext: {
        stage: '$default',
        routeKey: 'GET /test/echo/{id}',
        http: { method: 'GET', path: '/test/echo/a%20b' },
      },
    });
    expect(event.headers.authorization).toBe(`Bearer ${user.accessToken}`);
    expect(context.functionName).toBe('pictor-local-TestEchoAuthorized');
    expect(context.remainingMs).toBeGreaterThan(0);
    expect(response.headers['x-echo']).toBe('yes');
    expect(response.headers['set-cookie']).toBe('echo=1; Path=/');
    expect(response.headers['apigw-requestid']).toBe(event.requestContext.requestId);
  });

  it('lets an ID token through, as API Gateway does (handlers must refuse it themselves)', async () => {
    const user = await api.signInUser('ann@example.com');
    const response = await api.request('GET', '/test/echo/1', { token: user.idToken });
    expect(response.status).toBe(200);
    expect((response.json as any).event.requestContext.authorizer.jwt.claims.token_use).toBe('id');
  });

  it('passes text bodies as text and binary bodies base64-encoded, with no authorizer on public routes', async () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const json = await api.request('POST', '/test/public-echo', {
      body: { prompt: 'a fox' },
      headers: { cookie: 'a=1; b=2' },
    });
    const binary = await api.request('POST', '/test/public-echo', {
      rawBody: bytes,
      headers: { 'content-type': 'image/png' },
    });
    const jsonEvent = (json.json as any).event;
    const binaryEvent = (binary.json as any).event;
    expect(jsonEvent).toMatchObject({ body: '{"prompt":"a fox"}', isBase64Encoded: false, cookies: ['a=1', 'b=2'] });
    expect(jsonEvent.headers.cookie).toBeUndefined();
    expect(jsonEvent.requestContext.authorizer).toBeUndefined();
    expect(binaryEvent).toMatchObject({ body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true });
  });

  it('answers 413 for a body over 10 MB', async () => {
    const response = await api.request('POST', '/test/public-echo', {
      rawBody: new Uint8Array(10 * 1024 * 1024 + 1),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect([response.status, response.json]).toEqual([413, { message: 'Request Entity Too Large' }]);
  });

  it('answers 500 Internal Server Error when a handler throws, without its internals', async () => {
    const response = await api.request('GET', '/test/fail');
    expect([response.status, response.json]).toEqual([500, { message: 'Internal Server Error' }]);
    expect(response.text).not.toContain('fixture failure');
    expect(api.logs.join('\n')).toContain('fixture failure');
  });
});
