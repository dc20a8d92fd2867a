/**
 * Every string of every request, fuzzed through the real handlers. The routes come from
 * lib/routes/, each handler's declared contract from `handler.contract`, and the strings from
 * walking its schemas (./contract-strings.ts), so a new route or field is covered without
 * touching this file, and one with no valid request below fails here. The store and the queues
 * are stubbed to refuse every call: a request the contract refuses answers its stable 4xx with
 * nothing sent; one it accepts reaches the store (or answers), with its text intact.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { join } from 'node:path';
import { maxMessageLength } from '../../../lambdas/shared/http/refusal';
import type { RouteHandler } from '../../../lambdas/shared/http/route';
import { routes, type RouteDefinition } from '../../../lib/routes';
import { accessClaims, httpEvent, lambdaContext } from '../../fixtures/http-events';
import { describeField, stringFieldsOf, type StringField } from './contract-strings';

const policyVersion = '2026-11-01';
Object.assign(process.env, {
  TABLE_NAME: 'pictor-test',
  STARTER_CREDITS: '20',
  PRIVACY_POLICY_VERSION: policyVersion,
  IMAGES_BUCKET: 'pictor-test-images',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  // Nothing may leave the process: an unstubbed client would meet a closed port.
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
  GENERATION_QUEUE_URL: 'http://127.0.0.1:9/000000000000/generation',
  CLEANUP_QUEUE_URL: 'http://127.0.0.1:9/000000000000/cleanup',
  EXPORT_QUEUE_URL: 'http://127.0.0.1:9/000000000000/export',
  EXPORT_COOLDOWN_SECONDS: '86400',
  PROMPT_MODERATOR: 'rules',
  IMAGE_PROVIDER: 'local',
  DELETION_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:pictor-test-deletion',
  REVENUECAT_WEBHOOK_SECRET_ID: 'pictor/test/revenuecat-webhook-authorization',
  TELEGRAM_WEBHOOK_SECRET_ID: 'pictor/test/telegram-webhook-secret',
  SAFETY_ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:pictor-test-alarms',
  AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:9',
  USER_POOL_ID: 'us-east-1_Example01',
});

/** What the test does with each client's stub (their command types differ, their handling does not). */
interface ClientStub {
  reset(): void;
  resetHistory(): void;
  onAnyCommand(): { rejects(error: Error): unknown };
  calls(): unknown[];
}

const stubbed: ClientStub[] = [
  mockClient(DynamoDBDocumentClient),
  mockClient(DynamoDBClient),
  mockClient(SQSClient),
  mockClient(SFNClient),
  // The webhook's secret: its read is the first call a delivery with an Authorization header makes.
  mockClient(SecretsManagerClient),
];
/** Every command any stubbed client was sent, as `{ input }`. */
const storeCalls = (): { args: [{ input: unknown }] }[] => stubbed.flatMap((mock) => mock.calls() as never[]);

beforeEach(() => {
  for (const mock of stubbed) {
    mock.reset();
    mock.onAnyCommand().rejects(new Error('stubbed: this test reaches no store'));
  }
});

// Loaded while jest collects the tests, so the fields found in each contract name the tests.
const handlers: Readonly<Record<string, RouteHandler>> = Object.fromEntries(
  routes.map((route) => [
    route.id,
    (require(join(__dirname, '../../..', route.entry)) as { handler: RouteHandler }).handler,
  ]),
);
const contractOf = (route: RouteDefinition) => handlers[route.id].contract;

interface RequestParts {
  body?: unknown;
  query: Record<string, string>;
  headers: Record<string, string>;
  params: Record<string, string>;
}

const issuedId = '01JDQ4N8W7XK3M2P5R6T8V9Y0Z';
const shareToken = 'q8Jr3m6YpW0d1b7uXz2kLcVt9sNf4aHe5gRiOjUyTnQ';

/** A request each route accepts. A route whose contract needs more than path ids has a row here. */
const validRequests: Readonly<Record<string, Partial<RequestParts>>> = {
  UpdateMe: { body: { displayName: 'Ann', settings: { language: 'pt-BR', theme: 'dark', defaultAspectRatio: '1:1' } } },
  RecordConsents: { body: { privacyPolicyVersion: policyVersion, ageConfirmed: true } },
  CreateConversation: { body: { title: 'Lighthouses' } },
  RenameConversation: { body: { title: 'Lighthouses' } },
  CreateGeneration: { headers: { 'idempotency-key': 'retry-key-0001' }, body: { prompt: 'a lighthouse at dusk' } },
  CreateUpload: { body: { contentType: 'image/png' } },
  ListImages: { query: { favorites: 'true', limit: '10' } },
  RecordImageAction: { body: { type: 'share', channel: 'com.apple.UIKit.activity.Message' } },
  // A share token as issued (43 base64url characters); an id of another shape is the share routes' 404.
  OpenSharePage: { params: { token: shareToken } },
  OpenSharedImage: { params: { token: shareToken } },
  CreateShareLink: { body: { expiresInSeconds: 86_400 } },
  RevenueCatWebhook: {
    headers: { authorization: 'Bearer a-webhook-secret' },
    body: { api_version: '1.0', event: { type: 'TEST', id: 'evt-1', event_timestamp_ms: 1_764_000_000_000 } },
  },
  // Part B (issue 13): an update of a kind the bot takes in; the secret's read fails at the stub, as above.
  TelegramWebhook: {
    headers: { 'x-telegram-bot-api-secret-token': 'a-webhook-secret' },
    body: { update_id: 1, message: { message_id: 1, chat: { id: 1, type: 'private' }, text: '/start' } },
  },
  FileReport: {
    body: { target: { imageId: '01JDQ4N8W7XK3M2P5R6T8V9Y0Z' }, reason: 'sexual', details: 'It is explicit.' },
  },
  ReportShare: { params: { token: shareToken }, body: { reason: 'harassment', details: 'It mocks a classmate.' } },
  ResolveReport: { body: { action: 'dismiss' } },
};

function validRequest(route: RouteDefinition): RequestParts {
  const params = Object.fromEntries(Object.keys(contractOf(route).params ?? {}).map((name) => [name, issuedId]));
  return { query: {}, headers: {}, params, ...structuredClone(validRequests[route.id] ?? {}) };
}

/** The request with `value` at the field's place (objects and arrays made on the way). */
function withValue(parts: RequestParts, field: StringField, value: string): RequestParts {
  const next = structuredClone(parts);
  if (field.part !== 'body') {
    const target = { query: next.query, header: next.headers, param: next.params }[field.part];
    target[String(field.path[0])] = value;
    return next;
  }
  next.body ??= {};
  let holder = next.body as Record<string | number, unknown>;
  field.path.forEach((key, index) => {
    if (index === field.path.length - 1) {
      holder[key] = value;
      return;
    }
    holder[key] ??= typeof field.path[index + 1] === 'number' ? [] : {};
    holder = holder[key] as Record<string | number, unknown>;
  });
  return next;
}

interface Answer {
  status: number;
  error?: { code: string; message: string; field?: string };
}

async function send(route: RouteDefinition, parts: RequestParts): Promise<Answer> {
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    ...httpEvent({
      method: route.method,
      path: route.path,
      routeKey: `${route.method} ${route.path}`,
      body: parts.body,
      headers: parts.headers,
      // A route for a group is called by a member of it (API Gateway's rendering of the claim).
      claims:
        route.auth.kind === 'jwt' && route.auth.group
          ? accessClaims(undefined, { 'cognito:groups': `[${route.auth.group}]` })
          : undefined,
    }),
    pathParameters: parts.params,
    queryStringParameters: parts.query,
  };
  const response = await handlers[route.id](event, lambdaContext());
  const json = response.body ? JSON.parse(response.body) : undefined;
  return { status: response.statusCode ?? 0, error: json?.error };
}

/**
 * Routes that resolve a target before they write (a report reads the image it names, or asks
 * the share port, whose token look-up the stubbed store answers with nothing): the stubbed store
 * refuses that read, so their text never reaches a write here, and "not found" for the target
 * is past the contract. test/integration/moderation.test.ts shows their details stored intact.
 */
const readsBeforeWriting = new Set(['FileReport', 'ReportShare']);
const unknownTarget = (answer: Answer) => answer.status === 404 && answer.error?.message === 'No such report target.';

/** Past the contract: answered, or failed only at the stubbed store (or at the target a report names). */
const passedContract = (answer: Answer) =>
  answer.status < 400 || (answer.status === 500 && storeCalls().length > 0) || unknownTarget(answer);

/** Every string the handler handed the store or a queue, for "stored intact". */
function sentStrings(): string[] {
  const found: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const call of storeCalls()) collect(call.args[0].input);
  return found;
}

/** In every generated value: a message that names it has reflected the input. */
const marker = 'Zq7Xw';

function expectRefusal(answer: Answer, field: StringField) {
  expect({ status: answer.status, code: answer.error?.code }).toEqual({ status: field.status, code: field.code });
  expect(answer.error?.message.length).toBeLessThanOrEqual(maxMessageLength);
  expect(answer.error?.message).not.toContain(marker);
  expect(storeCalls()).toHaveLength(0);
}

const fields = routes.flatMap((route) =>
  stringFieldsOf(contractOf(route)).map((field) => ({ route, field, name: `${route.id} ${describeField(field)}` })),
);
const textFields = fields.filter(({ field }) => field.kind === 'text');

/** Emoji sequences people type, and words of scripts that spell with ZWNJ/ZWJ. */
const emojiSequences = ['👩‍🎨', '🏳️‍🌈', '❤️‍🔥', '👨🏽‍🦰', '🧑🏽‍🤝‍🧑🏿', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '1️⃣', '🏃🏽‍♀️', '👁️‍🗨️', '🐻‍❄️'];
const words = ['lighthouse', 'at', 'dusk', 'café', 'می‌خواهم', 'क्‍ष', 'ශ්‍රී', '東京', 'Zürich'];
const lettersOnly = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), maxLength: 12 });

describe('the request contracts', () => {
  it('are exposed by every route of lib/routes/, with every path parameter declared', () => {
    for (const route of routes) {
      const declared = Object.keys(contractOf(route).params ?? {}).sort();
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect({ route: route.id, params: declared }).toEqual({ route: route.id, params: inPath });
    }
  });

  it('find the fields people type, each with a maximum (a string without one fails the walk)', () => {
    expect(textFields.map(({ name }) => name)).toEqual(
      expect.arrayContaining([
        'UpdateMe displayName',
        'CreateConversation title',
        'RenameConversation title',
        'CreateGeneration prompt',
        'CreateGeneration negativePrompt',
      ]),
    );
    expect(fields.map(({ name }) => name)).toEqual(
      expect.arrayContaining([
        'UpdateMe settings.language',
        'CreateGeneration header idempotency-key',
        'ListConversations query cursor',
      ]),
    );
  });

  it.each(routes.map((route) => [route.id, route] as const))('%s accepts its valid request', async (_id, route) => {
    const answer = await send(route, validRequest(route));

    expect({ passed: passedContract(answer), error: answer.error }).toEqual({ passed: true, error: answer.error });
  });
});

describe.each(fields)('$name', ({ route, field }) => {
  it('refuses ill-formed Unicode (a lone surrogate) with its stable code, sending nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        lettersOnly,
        fc.integer({ min: 0xd800, max: 0xdfff }),
        lettersOnly,
        async (before, unit, after) => {
          for (const mock of stubbed) mock.resetHistory();
          const value = `${marker}${before}${String.fromCharCode(unit)}${after}`.slice(-field.maxLength);
          expectRefusal(await send(route, withValue(validRequest(route), field, value)), field);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a value one character over its maximum, and a much longer one, with its stable code', async () => {
    const bodyRoom = (contractOf(route).maxBodyBytes ?? 16 * 1024) - 1024;
    const longest = field.part === 'body' ? Math.min(field.maxLength * 10, bodyRoom) : field.maxLength * 10;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: field.maxLength + 2, max: longest }), async (length) => {
        for (const length_ of [field.maxLength + 1, length]) {
          for (const mock of stubbed) mock.resetHistory();
          const value = marker.repeat(Math.ceil(length_ / marker.length)).slice(0, length_);
          expectRefusal(await send(route, withValue(validRequest(route), field, value)), field);
        }
      }),
      { numRuns: 10 },
    );
  });

  it(
    'answers any string with a stable code and a message free of it, or takes it only well-formed and within ' +
      'bounds',
    async () => {
      const anyUnit = fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.constantFrom('\ud800', '\udfff', '\u200d', '\u202e', '\u0000', '\ufe0f', '\u{e0041}', '👩‍🎨', ' '),
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: anyUnit, maxLength: Math.min(field.maxLength * 2, 4000) }), async (tail) => {
          for (const mock of stubbed) mock.resetHistory();
          const value = `${marker}${tail}`;
          const answer = await send(route, withValue(validRequest(route), field, value));
          if (answer.error && answer.status !== 500) {
            expect(answer.error.message.length).toBeLessThanOrEqual(maxMessageLength);
            expect(answer.error.message).not.toContain(marker);
          }
          if (passedContract(answer)) {
            expect(value.isWellFormed()).toBe(true);
            const stored = field.kind === 'text' ? value.normalize('NFC').trim() : value;
            expect(stored.length).toBeLessThanOrEqual(field.maxLength);
          }
        }),
        { numRuns: 40 },
      );
    },
  );
});

describe.each(textFields)('$name', ({ route, field }) => {
  it(
    'takes emoji sequences (ZWJ, variation selectors, tags, ' + 'keycaps) and joiner scripts, and hands them on intact',
    async () => {
      const text = fc
        .array(fc.constantFrom(...emojiSequences, ...words), { minLength: 1, maxLength: 6 })
        .map((parts) => parts.join(' '))
        .filter((joined) => joined.length <= field.maxLength);
      await fc.assert(
        fc.asyncProperty(text, async (value) => {
          for (const mock of stubbed) mock.resetHistory();
          const answer = await send(route, withValue(validRequest(route), field, value));

          expect({ passed: passedContract(answer), error: answer.error }).toEqual({
            passed: true,
            error: answer.error,
          });
          if (!readsBeforeWriting.has(route.id)) expect(sentStrings()).toContain(value);
        }),
        { numRuns: 30 },
      );
    },
  );
});
