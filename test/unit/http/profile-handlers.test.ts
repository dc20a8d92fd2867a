import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { handler as getMe } from '../../../lambdas/http/me/get-me';
import { handler as updateMe } from '../../../lambdas/http/me/update-me';
import { handler as recordConsents } from '../../../lambdas/http/me/record-consents';
import { accessClaims, httpEvent, lambdaContext, userId, type EventOptions } from '../../fixtures/http-events';

const dynamo = mockClient(DynamoDBDocumentClient);

const storedProfile = {
  pk: `USER#${userId}`,
  sk: 'PROFILE',
  entityType: 'PROFILE',
  userId,
  status: 'ACTIVE',
  credits: 20,
  settings: {
    language: 'en',
    theme: 'system',
    defaultAspectRatio: '1:1',
    notifications: { generationComplete: true, productNews: false },
  },
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
};

beforeAll(() => {
  process.env.TABLE_NAME = 'pictor-test';
  process.env.STARTER_CREDITS = '20';
  process.env.PRIVACY_POLICY_VERSION = '2026-11-01';
});

beforeEach(() => {
  dynamo.reset();
  dynamo.on(GetCommand).resolves({ Item: storedProfile });
  dynamo.on(UpdateCommand).resolves({ Attributes: { ...storedProfile, displayName: 'Ann' } });
  dynamo.on(TransactWriteCommand).resolves({});
});

async function call(handler: typeof getMe, options: EventOptions) {
  const response = await handler(httpEvent(options), lambdaContext());
  return { status: response.statusCode ?? 0, json: JSON.parse(response.body ?? 'null'), headers: response.headers };
}

const patch = (options: Omit<EventOptions, 'method'>) => call(updateMe, { method: 'PATCH', ...options });

describe('GET /v1/me', () => {
  it('answers an existing profile with exactly one DynamoDB request', async () => {
    const response = await call(getMe, {});

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ id: userId, credits: { balance: 20 }, status: 'ACTIVE' });
    expect(response.json).not.toHaveProperty('pk');
    expect(dynamo.calls()).toHaveLength(1);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store' });
  });

  it('refuses an ID token: only access tokens may call the API', async () => {
    const response = await call(getMe, { claims: accessClaims(userId, { token_use: 'id' }) });

    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('unauthenticated');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('refuses a deleting account with a stable code', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...storedProfile, status: 'DELETING' } });

    const response = await call(getMe, {});

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('account_deleting');
  });

  it('hides internals behind a generic 500 when DynamoDB fails', async () => {
    dynamo.on(GetCommand).rejects(new Error('socket hang up at 10.0.0.1 table pictor-test'));

    const response = await call(getMe, {});

    expect(response.status).toBe(500);
    expect(response.json).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(JSON.stringify(response.json)).not.toMatch(/socket|pictor-test/);
  });
});

describe('PATCH /v1/me', () => {
  it('writes the display name and settings with one conditional update', async () => {
    const response = await patch({ body: { displayName: '  Ann ', settings: { theme: 'dark' } } });

    expect(response.status).toBe(200);
    const [update] = dynamo.commandCalls(UpdateCommand);
    const input = update.args[0].input;
    expect(dynamo.calls()).toHaveLength(1);
    expect(input.ConditionExpression).toBe('attribute_exists(pk) AND #status = :active');
    expect(Object.values(input.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining(['Ann', 'dark', 'ACTIVE']),
    );
  });

  it.each([
    ['credits', { credits: 1_000_000 }],
    ['status', { status: 'ACTIVE' }],
    ['role', { role: 'admin' }],
    ['settings.plan', { settings: { plan: 'pro' } }],
  ])('refuses the server-owned or unknown field %s and writes nothing', async (field, body) => {
    const response = await patch({ body });

    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'unknown_field', field });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it.each([
    ['malformed JSON', { rawBody: '{"displayName": "Ann"' }, 400, 'malformed_json'],
    ['a wrong type', { body: { settings: { theme: 42 } } }, 400, 'invalid_request'],
    ['an unknown enum value', { body: { settings: { defaultAspectRatio: '7:3' } } }, 400, 'invalid_request'],
    ['an empty patch', { body: {} }, 400, 'invalid_request'],
    ['no body', {}, 400, 'missing_body'],
    ['a JSON array', { body: [1, 2] }, 400, 'invalid_request'],
    ['a control character in the name', { body: { displayName: 'A\u0000nn' } }, 400, 'invalid_request'],
    ['a 51-character name', { body: { displayName: 'x'.repeat(51) } }, 400, 'invalid_request'],
    ['an oversize body', { body: { displayName: 'x'.repeat(20_000) } }, 413, 'payload_too_large'],
    [
      'a non-JSON content type',
      { rawBody: 'displayName=Ann', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
  ] as const)('answers %s with a clear 4xx and writes nothing', async (_name, options, status, code) => {
    const response = await patch(options as EventOptions);

    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('names the offending field of a validation error', async () => {
    const response = await patch({ body: { settings: { notifications: { productNews: 'yes' } } } });

    expect(response.json.error.field).toBe('settings.notifications.productNews');
  });

  it('refuses a disabled account, reading its status from the failed condition', async () => {
    dynamo.on(UpdateCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: marshall({ ...storedProfile, status: 'DISABLED' }),
      }),
    );

    const response = await patch({ body: { displayName: 'Ann' } });

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('account_disabled');
  });

  it('never accepts a field outside the schema, whatever its name (property)', async () => {
    const allowed = new Set(['displayName', 'settings']);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !allowed.has(key) && key !== '__proto__'),
        fc.jsonValue(),
        async (key, value) => {
          dynamo.resetHistory();
          const response = await patch({ body: { displayName: 'Ann', [key]: value } });
          expect(response.status).toBe(400);
          expect(response.json.error.code).toBe('unknown_field');
          expect(dynamo.calls()).toHaveLength(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers any JSON body with 200 or a 4xx, and writes only when it answers 200 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        dynamo.resetHistory();
        const response = await patch({ body });
        expect(response.status === 200 || (response.status >= 400 && response.status < 500)).toBe(true);
        if (response.status !== 200) expect(dynamo.calls()).toHaveLength(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('POST /v1/me/consents', () => {
  it('records the current policy version and age confirmation in one transaction, then reads back', async () => {
    const response = await call(recordConsents, {
      method: 'POST',
      body: { privacyPolicyVersion: '2026-11-01', ageConfirmed: true },
    });

    expect(response.status).toBe(200);
    const [transaction] = dynamo.commandCalls(TransactWriteCommand);
    const items = transaction.args[0].input.TransactItems ?? [];
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Update', 'Put']);
    expect(items[1].Put?.Item).toMatchObject({
      entityType: 'CONSENT_EVENT',
      privacyPolicyVersion: '2026-11-01',
      ageConfirmed: true,
    });
    expect(dynamo.calls()).toHaveLength(2);
  });

  it('refuses ageConfirmed false: under-13s may not use the apps', async () => {
    const response = await call(recordConsents, { method: 'POST', body: { ageConfirmed: false } });

    expect(response.status).toBe(400);
    expect(response.json.error.field).toBe('ageConfirmed');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers an outdated policy version with 409 and the code the app can act on', async () => {
    const response = await call(recordConsents, { method: 'POST', body: { privacyPolicyVersion: '2025-01-01' } });

    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('policy_version_outdated');
    expect(dynamo.calls()).toHaveLength(0);
  });
});
