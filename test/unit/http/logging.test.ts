import type { HttpHandler } from '../../../lambdas/shared/http/route';
import { httpEvent, lambdaContext, userId } from '../../fixtures/http-events';

const secretToken = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl';
const email = 'ann.private@example.com';

// The logger takes its level from the environment when first imported (and restores it on
// every warm invocation), so this file loads the handlers fresh with logging on.
let getMe: HttpHandler;
let updateMe: HttpHandler;
let dynamo: ReturnType<typeof import('aws-sdk-client-mock').mockClient>;
let commands: typeof import('@aws-sdk/lib-dynamodb');

beforeAll(async () => {
  Object.assign(process.env, {
    TABLE_NAME: 'pictor-test',
    STARTER_CREDITS: '20',
    PRIVACY_POLICY_VERSION: '2026-11-01',
  });
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  jest.resetModules();
  commands = await import('@aws-sdk/lib-dynamodb');
  dynamo = (await import('aws-sdk-client-mock')).mockClient(commands.DynamoDBDocumentClient) as never;
  ({ handler: getMe } = await import('../../../lambdas/http/me/get-me'));
  ({ handler: updateMe } = await import('../../../lambdas/http/me/update-me'));
});

afterAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

beforeEach(() => dynamo.reset());

/** Powertools writes ERROR and WARN lines to stderr and the rest to stdout: capture both, in order. */
async function logsOf(run: () => Promise<unknown>): Promise<{ raw: string; lines: Record<string, unknown>[] }> {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array) => {
    chunks.push(chunk.toString());
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(record),
    jest.spyOn(process.stderr, 'write').mockImplementation(record),
  ];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  const raw = chunks.join('');
  return {
    raw,
    lines: raw
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

it('logs one line per request with route, status and correlation id, and never the token, email or body', async () => {
  dynamo
    .on(commands.UpdateCommand)
    .resolves({ Attributes: { userId, status: 'ACTIVE', credits: 20, settings: {}, displayName: email } });
  const event = httpEvent({
    method: 'PATCH',
    body: { displayName: email },
    headers: { authorization: `Bearer ${secretToken}` },
  });

  const logs = await logsOf(() => updateMe(event, lambdaContext()));

  expect(logs.lines).toEqual([
    expect.objectContaining({
      message: 'request',
      route: 'PATCH /v1/me',
      status: 200,
      correlation_id: event.requestContext.requestId,
    }),
  ]);
  expect(logs.raw).not.toContain(secretToken);
  expect(logs.raw).not.toContain(email);
});

it('logs an unexpected failure as an error, without the event', async () => {
  dynamo.on(commands.GetCommand).rejects(new Error('boom'));
  const event = httpEvent({ headers: { authorization: `Bearer ${secretToken}` } });

  const logs = await logsOf(() => getMe(event, lambdaContext()));

  expect(logs.lines.map((line) => [line.level, line.message])).toEqual([
    ['ERROR', 'unhandled error'],
    ['INFO', 'request'],
  ]);
  expect(logs.raw).toContain('boom');
  expect(logs.raw).not.toContain(secretToken);
});
