/**
 * POST /webhooks/telegram end to end on the local stack: updates shaped as Telegram sends them,
 * posted with the local secret token, against DynamoDB Local and the fake Bot API.
 */
// First: the handlers log at INFO, as in AWS, so the log test sees their lines.
import '../support/info-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  buttonUpdate,
  newPerson,
  pointerOf,
  postUpdate,
  profileOf,
  sentTo,
  textUpdate,
  type Person,
} from '../support/telegram-chat';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { envNames } from '../../lambdas/shared/config';
import { localTelegramBot } from '../../local/secrets';
import { startFakeBotApi, type FakeBotApi } from '../../local/telegram/fake-bot-api';
import { startTestApi, type TestApi } from '../support/local-api';
import { meterUsage, type UsageMeter } from '../support/usage-meter';
import { handler as webhook } from '../../lambdas/webhooks/telegram';
import { httpEvent, lambdaContext } from '../fixtures/http-events';

let api: TestApi;
let telegram: FakeBotApi;
let usage: UsageMeter;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = () => process.env[envNames.tableName]!;

beforeAll(async () => {
  telegram = await startFakeBotApi({ token: localTelegramBot.token });
  // Read by the webhook's config on its first authenticated update.
  process.env[envNames.telegramApiRoot] = telegram.url;
  api = await startTestApi();
  usage = meterUsage();
});

afterAll(async () => {
  usage.stop();
  await api.close();
  await telegram.close();
});

const post = (update: unknown, secret?: string | null) => postUpdate(api, update, secret);
const messagesTo = (person: Person) => sentTo(telegram, person);

describe('the secret token', () => {
  it.each([
    ['missing', null],
    ['wrong', 'not-the-secret'],
    ['the secret with one character more', `${localTelegramBot.webhookSecret}x`],
    ['a prefix of the secret', localTelegramBot.webhookSecret.slice(0, -1)],
  ])('answers 401 to a %s header, touches no table and calls no Bot API', async (_case, secret) => {
    const person = newPerson();
    usage.reset();
    const callsBefore = telegram.calls.length;

    const response = await post(textUpdate(person, '/start'), secret);

    expect(response.status).toBe(401);
    expect(usage.dynamo().requests).toEqual({});
    expect(telegram.calls).toHaveLength(callsBefore);
    expect(await pointerOf(person)).toBeUndefined();
  });
});

describe('first contact', () => {
  it('creates the account with its starter grant and a pointer holding only the named data', async () => {
    const person = newPerson('es');

    expect((await post(textUpdate(person, '/start'))).status).toBe(200);

    const pointer = await pointerOf(person);
    expect(pointer).toMatchObject({
      entityType: 'EXTERNAL_IDENTITY',
      provider: 'telegram',
      externalId: String(person.id),
      username: person.username,
      languageCode: 'es',
      chatId: person.id,
    });
    expect(pointer?.userId).toMatch(/^tg_[0-9a-f-]{36}$/);
    expect(pointer).not.toHaveProperty('first_name');
    expect(await profileOf(pointer?.userId)).toMatchObject({ status: 'ACTIVE', credits: 20 });
    const [welcome, consentAsk] = messagesTo(person);
    expect(welcome.params.text).toMatch(/^¡Bienvenido a Pictor!/);
    expect(consentAsk.params.reply_markup).toMatchObject({
      inline_keyboard: [
        [{ callback_data: 'consent:age' }],
        [{ callback_data: expect.stringMatching(/^consent:policy:/) }],
      ],
    });
  });

  it('has no second effect for a redelivered update, in one DynamoDB request', async () => {
    const person = newPerson();
    const start = textUpdate(person, '/start');
    await post(start);
    const sent = messagesTo(person).length;
    usage.reset();

    expect((await post(start)).status).toBe(200);

    expect(usage.dynamo().requests).toEqual({ PutItemCommand: 1 });
    expect(messagesTo(person)).toHaveLength(sent);
  });

  it('takes a base64-encoded body, which grammY adapters leave undecoded, as the same update', async () => {
    const person = newPerson();
    // API Gateway's event with a base64 body; the local router encodes only binary types.
    const event = httpEvent({
      method: 'POST',
      path: '/webhooks/telegram',
      claims: null,
      rawBody: Buffer.from(JSON.stringify(textUpdate(person, '/help'))).toString('base64'),
      isBase64Encoded: true,
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': localTelegramBot.webhookSecret,
      },
    });

    const response = await webhook(event, lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(await pointerOf(person)).toBeDefined();
    expect(messagesTo(person)).toHaveLength(1);
  });
});

describe('a known person', () => {
  it('is answered in three DynamoDB requests: the seen update, the pointer and the profile', async () => {
    const person = newPerson();
    await post(textUpdate(person, '/help'));
    usage.reset();

    await post(textUpdate(person, 'a lighthouse at dusk'));

    expect(usage.dynamo().requests).toEqual({ PutItemCommand: 1, GetItemCommand: 2 });
    expect(messagesTo(person).at(-1)?.params.text).toMatch(/13 or older/);
  });

  it('records the consents from the buttons on the profile, as POST /v1/me/consents does', async () => {
    const person = newPerson();
    await post(textUpdate(person, '/start'));
    const policyButton = messagesTo(person).at(-1)?.params.reply_markup as {
      inline_keyboard: Array<Array<{ callback_data: string }>>;
    };

    await post(buttonUpdate(person, 'consent:age'));
    await post(buttonUpdate(person, policyButton.inline_keyboard[1][0].callback_data));

    const profile = await profileOf((await pointerOf(person))?.userId);
    expect(profile?.ageConfirmedAt).toEqual(expect.any(String));
    expect(profile?.privacyPolicy).toEqual({ version: expect.any(String), acceptedAt: expect.any(String) });
    expect(telegram.callsOf('answerCallbackQuery').length).toBeGreaterThanOrEqual(2);
    expect(messagesTo(person).at(-1)?.params.text).toMatch(/^Thank you!/);
  });

  it('is marked unreachable when a send answers 403, and the update still answers 200', async () => {
    const person = newPerson();
    await post(textUpdate(person, '/help'));
    telegram.block(person.id);

    expect((await post(textUpdate(person, '/help'))).status).toBe(200);

    expect((await pointerOf(person))?.unreachableAt).toEqual(expect.any(String));
    telegram.unblock(person.id);
  });

  it('answers 200 and records the failure when Telegram floods beyond what the webhook can wait', async () => {
    const person = newPerson();
    await post(textUpdate(person, '/help'));
    telegram.floodNext('sendMessage', 30);
    const update = textUpdate(person, '/help');

    expect((await post(update)).status).toBe(200);

    const { Item } = await db.send(
      new GetCommand({ TableName: table(), Key: keys.telegramUpdate(update.update_id), ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ failure: 'TelegramRateLimitedError', kind: 'message' });
    expect(Item?.ttl).toEqual(expect.any(Number));
  });
});

it('leaves no bot token, secret token, message text or username in the logs', async () => {
  const person = newPerson();
  usage.reset();

  await post(textUpdate(person, 'a very particular prompt about walruses'));
  await post(textUpdate(person, '/help'), 'a-wrong-secret-token');

  const logs = [...usage.logLines(), ...api.logs].join('\n');
  expect(logs).toContain('telegram update');
  for (const secret of [
    'particular prompt about walruses',
    person.username,
    localTelegramBot.token,
    localTelegramBot.webhookSecret,
    'a-wrong-secret-token',
  ]) {
    expect(logs).not.toContain(secret);
  }
});
