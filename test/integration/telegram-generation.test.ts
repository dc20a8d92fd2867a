/**
 * Generating from the bot end to end on the local stack: a prompt posted as Telegram posts it,
 * the API's own generation use case (moderation, debit, idempotency), the local queue and
 * generation worker, s3rver, and the worker's reply through the fake Bot API.
 */
import type { SQSEvent } from 'aws-lambda';
import { localTelegramBot } from '../../local/secrets';
import { startFakeBotApi, type FakeBotApi } from '../../local/telegram/fake-bot-api';
import { envNames } from '../../lambdas/shared/config';
import { handler as generationWorker } from '../../lambdas/workers/generation-worker';
import { lambdaContext } from '../fixtures/http-events';
import { balanceOf, generationItem, ledgerOf } from '../support/generation-flow';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  buttonUpdate,
  consentedPerson,
  profileOf,
  newPerson,
  pointerOf,
  postUpdate,
  sentTo,
  textUpdate,
  type Person,
} from '../support/telegram-chat';

let api: TestApi;
let telegram: FakeBotApi;

beforeAll(async () => {
  telegram = await startFakeBotApi({ token: localTelegramBot.token });
  process.env[envNames.telegramApiRoot] = telegram.url;
  api = await startTestApi();
});

afterAll(async () => {
  await api.close();
  await telegram.close();
});

const pngSignature = [0x89, 0x50, 0x4e, 0x47];

async function userOf(person: Person): Promise<string> {
  return (await pointerOf(person))?.userId as string;
}

async function say(person: Person, text: string) {
  const update = textUpdate(person, text);
  expect((await postUpdate(api, update)).status).toBe(200);
  return update;
}

const lastText = (person: Person) => sentTo(telegram, person).at(-1)?.params.text as string;

describe('a prompt in chat', () => {
  it('is debited once, drawn by the worker and sent to the chat as a photo from the stored bytes', async () => {
    const person = await consentedPerson(api, telegram);

    await say(person, 'a lighthouse at dusk');
    expect(lastText(person)).toMatch(/^Drawing it… \(1 credit\)/);
    await api.queues.drained();

    const [photo, ...more] = sentTo(telegram, person, 'sendPhoto');
    expect(more).toEqual([]);
    const file = photo.params.photo as { file: Uint8Array };
    expect([...file.file.slice(0, 4)]).toEqual(pngSignature);
    expect(photo.params.caption).toMatch(/^Here it is/);
    expect(sentTo(telegram, person, 'sendChatAction').map((call) => call.params.action)).toEqual(['upload_photo']);
    const userId = await userOf(person);
    expect(await balanceOf(userId)).toBe(19);
    const [debit] = (await ledgerOf(userId)).filter((entry) => entry.kind === 'GENERATION');
    expect(await generationItem(userId, debit.generationId!)).toMatchObject({
      status: 'SUCCEEDED',
      prompt: 'a lighthouse at dusk',
      chatReply: { chatId: person.id, language: 'en', repliedAt: expect.any(String) },
    });
  });

  it('has no second effect when Telegram redelivers the update: one debit, one photo', async () => {
    const person = await consentedPerson(api, telegram);
    const update = await say(person, 'a fox in snow');

    expect((await postUpdate(api, update)).status).toBe(200);
    await api.queues.drained();

    expect(sentTo(telegram, person, 'sendPhoto')).toHaveLength(1);
    expect((await ledgerOf(await userOf(person))).filter((entry) => entry.kind === 'GENERATION')).toHaveLength(1);
  });

  it('sends nothing more when the worker gets the settled job again', async () => {
    const person = await consentedPerson(api, telegram);
    await say(person, 'a quiet harbour');
    await api.queues.drained();
    const userId = await userOf(person);
    const [debit] = (await ledgerOf(userId)).filter((entry) => entry.kind === 'GENERATION');

    await generationWorker(redelivery({ userId, generationId: debit.generationId! }), lambdaContext());

    expect(sentTo(telegram, person, 'sendPhoto')).toHaveLength(1);
  });

  it('costs nothing when moderation blocks it, and says so in the person’s language', async () => {
    const person = await consentedPerson(api, telegram, 'es');

    await say(person, 'please [local:moderate] this');
    await api.queues.drained();

    expect(lastText(person)).toMatch(/No se cobró nada/);
    const userId = await userOf(person);
    expect(await balanceOf(userId)).toBe(20);
    expect((await ledgerOf(userId)).map((entry) => entry.kind)).toEqual(['STARTER_GRANT']);
    expect(sentTo(telegram, person, 'sendPhoto')).toEqual([]);
  });

  it.each([
    ['the model fails for good', '[local:fail] a storm', /could not make this image.*1 credit was refunded/],
    ['the model withholds its output', '[local:block] a storm', /safety filter.*1 credit was refunded/],
  ])('is refunded and the chat told when %s', async (_case, prompt, told) => {
    const person = await consentedPerson(api, telegram);

    await say(person, prompt);
    await api.queues.drained();

    expect(lastText(person)).toMatch(told);
    const userId = await userOf(person);
    expect(await balanceOf(userId)).toBe(20);
    expect((await ledgerOf(userId)).filter((entry) => entry.kind === 'REFUND')).toHaveLength(1);
  });

  it('is refused with the balance when credits run out, without a debit', async () => {
    const person = await consentedPerson(api, telegram);
    const userId = await userOf(person);
    for (let i = 0; i < 20; i++) await say(person, `a tiny drawing number ${i}`);
    await api.queues.drained();

    await say(person, 'one too many');

    expect(lastText(person)).toBe('This needs 1 credit and you have 0. /buy gets more.');
    expect(await balanceOf(userId)).toBe(0);
    expect((await ledgerOf(userId)).filter((entry) => entry.kind === 'GENERATION')).toHaveLength(20);
  }, 120_000);

  it('is asked for the consents first, and nothing is generated or charged', async () => {
    const person = newPerson();

    await say(person, 'a lighthouse at dusk');

    expect(lastText(person)).toMatch(/13 or older/);
    expect(await ledgerOf(await userOf(person))).toEqual([expect.objectContaining({ kind: 'STARTER_GRANT' })]);
  });

  it('still settles and records the reply when the person blocked the bot meanwhile', async () => {
    const person = await consentedPerson(api, telegram);
    telegram.block(person.id);

    await say(person, 'a lantern');
    await api.queues.drained();
    telegram.unblock(person.id);

    const userId = await userOf(person);
    const [debit] = (await ledgerOf(userId)).filter((entry) => entry.kind === 'GENERATION');
    expect(await generationItem(userId, debit.generationId!)).toMatchObject({
      status: 'SUCCEEDED',
      chatReply: { repliedAt: expect.any(String) },
    });
    expect((await pointerOf(person))?.unreachableAt).toEqual(expect.any(String));
  });
});

describe('/history', () => {
  it('lists the chat’s last generations, newest first, with how each ended', async () => {
    const person = await consentedPerson(api, telegram);
    await say(person, 'a red kite');
    await say(person, '[local:fail] a blue kite');
    await api.queues.drained();

    await say(person, '/history');

    const [heading, newest, oldest] = lastText(person).split('\n');
    expect(heading).toBe('Your last images:');
    expect(newest).toMatch(/a blue kite \(failed, refunded\)$/);
    expect(oldest).toMatch(/a red kite \(done\)$/);
  });

  it('says there is nothing yet before the first prompt', async () => {
    const person = await consentedPerson(api, telegram);

    await say(person, '/history');

    expect(lastText(person)).toMatch(/^No images yet/);
  });
});

describe('/delete', () => {
  it('asks first, then deletes the account through the deletion workflow, pointer included', async () => {
    const person = await consentedPerson(api, telegram);
    await say(person, 'a last drawing');
    await api.queues.drained();
    const userId = await userOf(person);

    await say(person, '/delete');
    const ask = sentTo(telegram, person).at(-1)?.params.reply_markup as {
      inline_keyboard: Array<Array<{ callback_data: string }>>;
    };
    expect(ask.inline_keyboard).toEqual([[expect.objectContaining({ callback_data: 'delete:confirm' })]]);
    expect((await profileOf(userId))?.status).toBe('ACTIVE');

    expect((await postUpdate(api, buttonUpdate(person, 'delete:confirm'))).status).toBe(200);

    expect(lastText(person)).toMatch(/^Your account is being deleted/);
    expect((await api.stepFunctions.waitForExecution(`delete-${userId}`)).status).toBe('SUCCEEDED');
    await api.queues.drained();
    expect(await pointerOf(person)).toBeUndefined();
    // Only the documented tombstone remains: a status and its dates, expiring, nothing of the person.
    const tombstone = await profileOf(userId);
    expect(tombstone).toMatchObject({ status: 'DELETED', ttl: expect.any(Number) });
    expect(tombstone).not.toHaveProperty('credits');
  }, 60_000);
});

function redelivery(job: { userId: string; generationId: string }): SQSEvent {
  return {
    Records: [
      {
        messageId: `redelivered-${job.generationId}`,
        receiptHandle: 'unused',
        body: JSON.stringify(job),
        attributes: {
          ApproximateReceiveCount: '2',
          SentTimestamp: '0',
          SenderId: 'test',
          ApproximateFirstReceiveTimestamp: '0',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:generation',
        awsRegion: 'us-east-1',
      },
    ],
  };
}
