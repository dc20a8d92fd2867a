/**
 * What a refused request is told: the field and the rule, in a message of bounded length, never
 * the value it sent (the fuzzer's findings: a 10,000-character contentType came back in a
 * 10,095-character message, and markup came back as is).
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as createGeneration } from '../../../lambdas/http/generations/create-generation';
import { handler as listConversations } from '../../../lambdas/http/conversations/list-conversations';
import { handler as updateMe } from '../../../lambdas/http/me/update-me';
import { handler as createUpload } from '../../../lambdas/http/uploads/create-upload';
import { callerFrom } from '../../../lambdas/shared/http/caller';
import type { HttpHandler } from '../../../lambdas/shared/http/route';
import { executionNameFor } from '../../../lambdas/domain/account-deletion/deletion';
import { UnauthenticatedError } from '../../../lambdas/shared/errors';
import { accessClaims, httpEvent, lambdaContext, type EventOptions } from '../../fixtures/http-events';

const dynamo = mockClient(DynamoDBDocumentClient);

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'pictor-test',
    STARTER_CREDITS: '20',
    PRIVACY_POLICY_VERSION: '2026-11-01',
    PROMPT_MODERATOR: 'rules',
    GENERATION_QUEUE_URL: 'http://127.0.0.1:9/000000000000/generation',
    IMAGES_BUCKET: 'pictor-test-images',
    AWS_REGION: 'us-east-1',
  });
});

beforeEach(() => {
  dynamo.reset();
  dynamo.onAnyCommand().rejects(new Error('stubbed: a refused request reaches no store'));
});

type Extra = Partial<Pick<ReturnType<typeof httpEvent>, 'pathParameters' | 'queryStringParameters'>>;

async function errorOf(handler: HttpHandler, options: EventOptions, extra: Extra = {}) {
  const response = await handler({ ...httpEvent({ method: 'POST', ...options }), ...extra }, lambdaContext());
  return { status: response.statusCode, error: JSON.parse(response.body ?? '{}').error };
}

const markup = '<img src=x onerror=alert(1)>';
const conversation = { pathParameters: { conversationId: '01JDQ4N8W7XK3M2P5R6T8V9Y0Z' } };

describe('a refused value', () => {
  it('names the allowed values of a picklist, not the 10,000 characters it was sent', async () => {
    const { status, error } = await errorOf(createUpload, { body: { contentType: 'x'.repeat(10_000) } });

    expect(status).toBe(400);
    expect(error).toEqual({
      code: 'invalid_request',
      field: 'contentType',
      message: 'contentType: must be one of: image/png, image/jpeg, image/webp',
    });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('never hands markup back', async () => {
    const { error } = await errorOf(createUpload, { body: { contentType: markup } });

    expect(JSON.stringify(error)).not.toContain('<img');
  });

  it('names the limit of a language tag: at most 35 characters, the longest RFC 5646 asks to support', async () => {
    const tag35 = `en-${'abcdefgh-'.repeat(3)}abcde`;
    dynamo.reset();
    dynamo.onAnyCommand().resolves({ Attributes: { userId: 'u', status: 'ACTIVE', credits: 0, settings: {} } });

    const ok = await updateMe(httpEvent({ method: 'PATCH', body: { settings: { language: tag35 } } }), lambdaContext());
    const { status, error } = await errorOf(updateMe, {
      method: 'PATCH',
      body: { settings: { language: `${tag35}f` } },
    });

    expect(tag35).toHaveLength(35);
    expect(ok.statusCode).toBe(200);
    expect(status).toBe(400);
    expect(error.message).toBe('settings.language: must be at most 35 characters');
  });

  it('says a value is missing, and what kind a wrong one must be, without quoting it', async () => {
    const missing = await errorOf(
      createGeneration,
      { body: {}, headers: { 'idempotency-key': 'retry-key-0001' } },
      conversation,
    );
    const wrongType = await errorOf(updateMe, { method: 'PATCH', body: { displayName: { html: markup } } });

    expect(missing.error).toMatchObject({ code: 'invalid_request', field: 'prompt', message: 'prompt: is required' });
    expect(wrongType.error).toMatchObject({ field: 'displayName', message: 'displayName: must be a string' });
  });

  it('names an unknown field that is a plain identifier', async () => {
    const { error } = await errorOf(updateMe, { method: 'PATCH', body: { credits: 1_000_000 } });

    expect(error).toEqual({ code: 'unknown_field', field: 'credits', message: 'The field "credits" cannot be set.' });
  });

  it('does not echo an unknown field named with markup, or 5,000 characters long', async () => {
    for (const key of [markup, 'k'.repeat(5_000)]) {
      const { status, error } = await errorOf(updateMe, { method: 'PATCH', body: { displayName: 'Ann', [key]: 1 } });

      expect(status).toBe(400);
      expect(error).toEqual({ code: 'unknown_field', message: 'The request has a field that cannot be set.' });
    }
  });
});

describe('the declared Idempotency-Key header', () => {
  it('is required, with its own stable code, checked before the body', async () => {
    const { status, error } = await errorOf(createGeneration, { body: { prompt: 42 } }, conversation);

    expect(status).toBe(400);
    expect(error).toEqual({
      code: 'idempotency_key_required',
      field: 'Idempotency-Key',
      message: 'Idempotency-Key: is required',
    });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('says which rule a bad key breaks, without quoting it', async () => {
    const { error } = await errorOf(
      createGeneration,
      { body: { prompt: 'a lantern' }, headers: { 'idempotency-key': `${markup}${'k'.repeat(300)}` } },
      conversation,
    );

    expect(error.code).toBe('idempotency_key_required');
    expect(error.message).toBe('Idempotency-Key: must be at most 255 characters');
  });
});

describe('the declared page query', () => {
  it.each([
    ['limit', '51', 'limit: must be at most 50'],
    ['limit', 'ten', 'limit: must be a whole number'],
    ['cursor', 'c'.repeat(1025), 'cursor: must be at most 1024 characters'],
  ])('refuses %s=%s, naming the rule', async (name, value, message) => {
    const { status, error } = await errorOf(
      listConversations,
      { method: 'GET' },
      { queryStringParameters: { [name]: value } },
    );

    expect(status).toBe(400);
    expect(error).toEqual({ code: 'invalid_request', field: name, message });
  });
});

describe('a path id Pictor could not have issued', () => {
  it('is not found, and the message does not repeat it', async () => {
    const { status, error } = await errorOf(
      createGeneration,
      { body: { prompt: 'a lantern' }, headers: { 'idempotency-key': 'retry-key-0001' } },
      { pathParameters: { conversationId: markup } },
    );

    expect(status).toBe(404);
    expect(error).toEqual({ code: 'not_found', message: 'No such conversation.' });
  });
});

describe('the one user-id format', () => {
  it('takes a Cognito sub and a Telegram id, and refuses one over 64 characters', () => {
    for (const sub of ['6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', 'tg_1234567890', 'u'.repeat(64)]) {
      expect(callerFrom(httpEvent({ claims: accessClaims(sub) })).userId).toBe(sub);
    }
    expect(() => callerFrom(httpEvent({ claims: accessClaims('u'.repeat(65)) }))).toThrow(UnauthenticatedError);
  });

  it('names a deletion execution within the 80 characters Step Functions allows, for the longest id', () => {
    expect(executionNameFor('u'.repeat(64)).length).toBeLessThanOrEqual(80);
    expect(() => executionNameFor('u'.repeat(65))).toThrow();
  });
});
