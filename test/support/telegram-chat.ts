/**
 * Talking to the local bot as Telegram does, for the integration tests: people with fresh
 * Telegram ids, updates shaped as Telegram sends them, posted with the local secret token, and
 * what the fake Bot API was asked to send each person.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { envNames } from '../../lambdas/shared/config';
import { localTelegramBot } from '../../local/secrets';
import type { FakeBotApi } from '../../local/telegram/fake-bot-api';
import type { TestApi } from './local-api';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = () => process.env[envNames.tableName]!;

// Random per run: the seen-update set outlives a test run on the shared table.
let nextUpdateId = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
let nextTelegramUserId = 5_000_000 + Math.floor(Math.random() * 1_000_000_000);

export function newPerson(languageCode = 'en') {
  const id = nextTelegramUserId++;
  return { id, is_bot: false, first_name: 'Test', username: `user_${id}_name`, language_code: languageCode };
}
export type Person = ReturnType<typeof newPerson>;

export const textUpdate = (from: Person, text: string) => ({
  update_id: nextUpdateId++,
  message: { message_id: 1, date: 1_764_000_000, from, chat: { id: from.id, type: 'private' }, text },
});

export const buttonUpdate = (from: Person, data: string) => ({
  update_id: nextUpdateId++,
  callback_query: {
    id: `cb-${nextUpdateId}`,
    from,
    chat_instance: '1',
    message: { message_id: 2, date: 1_764_000_000, chat: { id: from.id, type: 'private' } },
    data,
  },
});

export function postUpdate(api: TestApi, update: unknown, secret: string | null = localTelegramBot.webhookSecret) {
  return api.request('POST', '/webhooks/telegram', {
    body: update,
    headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret },
  });
}

export async function pointerOf(person: Person) {
  const { pk, sk } = keys.externalIdentity('telegram', String(person.id), '');
  return (await db.send(new GetCommand({ TableName: table(), Key: { pk, sk }, ConsistentRead: true }))).Item;
}

export async function profileOf(userId: string) {
  return (await db.send(new GetCommand({ TableName: table(), Key: keys.profile(userId), ConsistentRead: true }))).Item;
}

/** What the bot sent this person with `method`, oldest first. */
export const sentTo = (telegram: FakeBotApi, person: Person, method = 'sendMessage') =>
  telegram.callsOf(method).filter((call) => Number(call.params.chat_id) === person.id);

/** A person who has started the bot and pressed both consent buttons: ready to generate. */
export async function consentedPerson(api: TestApi, telegram: FakeBotApi, languageCode = 'en'): Promise<Person> {
  const person = newPerson(languageCode);
  await postUpdate(api, textUpdate(person, '/start'));
  const ask = sentTo(telegram, person).at(-1)?.params.reply_markup as {
    inline_keyboard: Array<Array<{ callback_data: string }>>;
  };
  for (const [button] of ask.inline_keyboard) await postUpdate(api, buttonUpdate(person, button.callback_data));
  return person;
}
