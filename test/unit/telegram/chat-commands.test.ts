/** The bot's prompts, /history and /delete over in-memory ports (the use cases they call are faked and recorded). */
import { handleTelegramUpdate } from '../../../lambdas/domain/telegram/handle-update';
import type { TelegramUpdate } from '../../../lambdas/domain/telegram/update';
import {
  InsufficientCreditsError,
  TemporarilyUnavailableError,
  UnprocessableError,
} from '../../../lambdas/shared/errors';
import { memoryBot } from '../../fixtures/memory-telegram';

const person = { id: 77, is_bot: false, first_name: 'Bo', username: 'bo', language_code: 'en' };
let nextUpdateId = 500;

const text = (body: string): TelegramUpdate => ({
  update_id: nextUpdateId++,
  message: { message_id: 1, from: person, chat: { id: person.id, type: 'private' }, text: body },
});

const button = (data: string): TelegramUpdate => ({
  update_id: nextUpdateId++,
  callback_query: {
    id: `cb${nextUpdateId}`,
    from: person,
    message: { chat: { id: person.id, type: 'private' } },
    data,
  },
});

async function consented() {
  const bot = memoryBot();
  await handleTelegramUpdate(bot.deps, text('/start'));
  await handleTelegramUpdate(bot.deps, button('consent:age'));
  await handleTelegramUpdate(bot.deps, button('consent:policy:2026-11'));
  return bot;
}

const lastText = (bot: ReturnType<typeof memoryBot>) => bot.chat.messages.at(-1)?.text;

describe('a prompt', () => {
  it('asks for a generation keyed by the update id, in the chat’s one conversation, replying there', async () => {
    const bot = await consented();
    const first = text('a kite');

    await handleTelegramUpdate(bot.deps, first);
    await handleTelegramUpdate(bot.deps, text('a second kite'));

    const [one, two] = bot.generations.requests;
    expect(one).toMatchObject({
      request: { prompt: 'a kite' },
      idempotencyKey: `telegram-update-${first.update_id}`,
      chatReply: { chatId: 77, language: 'en' },
    });
    expect(two.conversationId).toBe(one.conversationId);
    expect([...bot.generations.conversations.values()].map((c) => c.title)).toEqual(['Telegram']);
    expect(lastText(bot)).toBe('Drawing it… (1 credit)');
  });

  it('makes a new conversation when the chat’s was deleted', async () => {
    const bot = await consented();
    await handleTelegramUpdate(bot.deps, text('a kite'));
    bot.generations.conversations.clear();

    await handleTelegramUpdate(bot.deps, text('another kite'));

    expect(bot.generations.requests).toHaveLength(2);
    expect(bot.generations.requests[1].conversationId).not.toBe(bot.generations.requests[0].conversationId);
    expect(bot.identities.identities.get('77')?.conversationId).toBe(bot.generations.requests[1].conversationId);
  });

  it.each([
    [new UnprocessableError('prompt_blocked', 'no'), /Nothing was charged/],
    [new InsufficientCreditsError(1, 0), /^This needs 1 credit and you have 0/],
    [new TemporarilyUnavailableError('moderation_unavailable', 'down'), /cannot be made right now/],
  ])('tells the person why it was refused (%s)', async (error, told) => {
    const bot = await consented();
    bot.generations.refuseNext(error);

    await handleTelegramUpdate(bot.deps, text('a kite'));

    expect(lastText(bot)).toMatch(told);
  });

  it('refuses a prompt over the API’s length without asking for a generation', async () => {
    const bot = await consented();

    await handleTelegramUpdate(bot.deps, text('x'.repeat(2001)));

    expect(bot.generations.requests).toEqual([]);
    expect(lastText(bot)).toMatch(/up to 2,000 characters/);
  });
});

describe('/delete', () => {
  it('asks with a button, and only the button requests the deletion', async () => {
    const bot = await consented();

    await handleTelegramUpdate(bot.deps, text('/delete'));
    expect(bot.chat.messages.at(-1)?.buttons).toEqual([[{ text: 'Delete my account', data: 'delete:confirm' }]]);
    expect(bot.deletionsRequested).toEqual([]);

    await handleTelegramUpdate(bot.deps, button('delete:confirm'));

    expect(bot.deletionsRequested).toEqual([bot.identities.identities.get('77')?.userId]);
    expect(lastText(bot)).toMatch(/^Your account is being deleted/);
  });
});
