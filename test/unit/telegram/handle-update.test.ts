/** The bot's update use case over in-memory ports: exactly once, identity, consent, language, reachability. */
import { consentCallbacks, handleTelegramUpdate } from '../../../lambdas/domain/telegram/handle-update';
import { RedeliverUpdateError } from '../../../lambdas/domain/telegram/ports';
import type { TelegramUpdate } from '../../../lambdas/domain/telegram/update';
import { getMyProfile } from '../../../lambdas/domain/profile/get-my-profile';
import { memoryBot } from '../../fixtures/memory-telegram';

const person = { id: 4242, is_bot: false, first_name: 'Ana', username: 'ana_draws', language_code: 'es' };
let nextUpdateId = 100;

function text(body: string, from: typeof person = person): TelegramUpdate {
  return {
    update_id: nextUpdateId++,
    message: { message_id: 1, from, chat: { id: from.id, type: 'private' }, text: body },
  };
}

function button(data: string, from: typeof person = person): TelegramUpdate {
  return {
    update_id: nextUpdateId++,
    callback_query: { id: `cb${nextUpdateId}`, from, message: { chat: { id: from.id, type: 'private' } }, data },
  };
}

function memberStatus(status: string): TelegramUpdate {
  return {
    update_id: nextUpdateId++,
    my_chat_member: { from: person, chat: { id: person.id, type: 'private' }, new_chat_member: { status } },
  };
}

describe('handleTelegramUpdate', () => {
  it('creates one account with one starter grant on first contact, and only the named Telegram data', async () => {
    const bot = memoryBot({ starterCredits: 20 });

    await handleTelegramUpdate(bot.deps, text('/start'));
    await handleTelegramUpdate(bot.deps, text('/help'));

    const identity = bot.identities.identities.get('4242');
    expect(identity).toEqual({
      telegramUserId: '4242',
      userId: 'tg_user1',
      chatId: 4242,
      username: 'ana_draws',
      languageCode: 'es',
      createdAt: '2026-12-03T12:00:00.000Z',
    });
    expect([...bot.profiles.profiles.keys()]).toEqual(['tg_user1']);
    expect(bot.profiles.ledger).toEqual([expect.objectContaining({ kind: 'STARTER_GRANT', amount: 20 })]);
  });

  it('has no second effect for a redelivered update', async () => {
    const bot = memoryBot();
    const start = text('/start');

    expect(await handleTelegramUpdate(bot.deps, start)).toBe('handled');
    const sent = bot.chat.messages.length;
    expect(await handleTelegramUpdate(bot.deps, structuredClone(start))).toBe('duplicate');

    expect(bot.chat.messages).toHaveLength(sent);
  });

  it('answers in the language of the client, then in the one chosen with /language', async () => {
    const bot = memoryBot();

    await handleTelegramUpdate(bot.deps, text('/help'));
    await handleTelegramUpdate(bot.deps, text('/language en'));
    await handleTelegramUpdate(bot.deps, text('/help'));

    const [spanish, chosen, english] = bot.chat.messages.map((m) => m.text);
    expect(spanish).toMatch(/^Envía una descripción/);
    expect(chosen).toBe('I will write to you in English.');
    expect(english).toMatch(/^Send a description/);
  });

  it('asks for the 13+ confirmation and the current policy with buttons before taking a prompt', async () => {
    const bot = memoryBot({ policyVersion: '2026-11' });

    await handleTelegramUpdate(bot.deps, text('a red fox in the snow'));

    expect(bot.chat.messages).toHaveLength(1);
    const [ask] = bot.chat.messages;
    expect(ask.text).toMatch(/13 años o más/);
    expect(ask.buttons?.map((row) => row[0].data)).toEqual([consentCallbacks.age, 'consent:policy:2026-11']);
  });

  it('records the consents as POST /v1/me/consents does, and stops asking once both are given', async () => {
    const bot = memoryBot({ policyVersion: '2026-11' });
    await handleTelegramUpdate(bot.deps, text('/start'));

    await handleTelegramUpdate(bot.deps, button(consentCallbacks.age));
    await handleTelegramUpdate(bot.deps, button('consent:policy:2026-11'));

    const profile = bot.profiles.profiles.get('tg_user1');
    expect(profile?.ageConfirmedAt).toBe('2026-12-03T12:00:00.000Z');
    expect(profile?.privacyPolicy).toEqual({ version: '2026-11', acceptedAt: '2026-12-03T12:00:00.000Z' });
    expect(bot.profiles.consents.map((c) => [c.ageConfirmed, c.privacyPolicyVersion])).toEqual([
      [true, undefined],
      [undefined, '2026-11'],
    ]);
    expect(bot.chat.messages.at(-1)?.text).toMatch(/^¡Gracias!/);
    expect(bot.chat.answeredCallbacks).toHaveLength(2);
  });

  it('records a policy button from before a policy change as a failure, not as consent', async () => {
    const bot = memoryBot({ policyVersion: '2026-12' });

    const outcome = await handleTelegramUpdate(bot.deps, button('consent:policy:2026-11'));

    expect(outcome).toBe('failed');
    expect(bot.profiles.profiles.get('tg_user1')?.privacyPolicy).toBeUndefined();
    expect([...bot.receipts.seen.values()][0]).toMatchObject({ failure: 'ConflictError' });
  });

  it('marks a person who blocked the bot unreachable and sends them nothing', async () => {
    const bot = memoryBot();
    await handleTelegramUpdate(bot.deps, text('/start'));
    const sent = bot.chat.messages.length;

    await handleTelegramUpdate(bot.deps, memberStatus('kicked'));
    await handleTelegramUpdate(bot.deps, text('/help'));

    expect(bot.identities.identities.get('4242')?.unreachableAt).toBe('2026-12-03T12:00:00.000Z');
    expect(bot.chat.messages).toHaveLength(sent);
  });

  it('is reachable again once the person restarts the bot', async () => {
    const bot = memoryBot();
    await handleTelegramUpdate(bot.deps, memberStatus('kicked'));

    await handleTelegramUpdate(bot.deps, memberStatus('member'));
    await handleTelegramUpdate(bot.deps, text('/help'));

    expect(bot.identities.identities.get('4242')?.unreachableAt).toBeUndefined();
    expect(bot.chat.messages).toHaveLength(1);
  });

  it('records a 403 on send as unreachable instead of failing the update', async () => {
    const bot = memoryBot();
    bot.chat.blocked.add(person.id);

    const outcome = await handleTelegramUpdate(bot.deps, text('/help'));

    expect(outcome).toBe('handled');
    expect(bot.identities.identities.get('4242')?.unreachableAt).toBeDefined();
  });

  it('records a failure by its name, answers the update as taken in, and logs no text or username', async () => {
    const bot = memoryBot();
    bot.deps.profileOf = async () => {
      throw new TypeError('boom with a secret prompt');
    };

    const update = text('my secret prompt');
    const outcome = await handleTelegramUpdate(bot.deps, update);

    expect(outcome).toBe('failed');
    expect(bot.receipts.seen.get(update.update_id)).toMatchObject({ kind: 'message', failure: 'TypeError' });
    const logged = JSON.stringify(bot.logs);
    expect(logged).not.toMatch(/secret prompt|ana_draws/);
    expect(await handleTelegramUpdate(bot.deps, update)).toBe('duplicate');
  });

  it('releases the claim and throws on an effect that must not be lost, so the redelivery takes it in', async () => {
    const bot = memoryBot();
    let attempts = 0;
    bot.deps.profileOf = async (userId) => {
      attempts += 1;
      if (attempts === 1) throw new RedeliverUpdateError('the ledger was unreachable');
      return getMyProfile(bot.profileDeps, userId);
    };

    const update = text('/balance');
    await expect(handleTelegramUpdate(bot.deps, update)).rejects.toBeInstanceOf(RedeliverUpdateError);
    expect(bot.receipts.seen.has(update.update_id)).toBe(false);

    expect(await handleTelegramUpdate(bot.deps, update)).toBe('handled');
    expect(bot.chat.messages.at(-1)?.text).toMatch(/20 créditos/);
    expect(await handleTelegramUpdate(bot.deps, update)).toBe('duplicate');
  });

  it('shows the balance of the account the chat acts as, split as GET /v1/me splits it', async () => {
    const bot = memoryBot({ starterCredits: 20 });

    await handleTelegramUpdate(bot.deps, text('/language en'));
    await handleTelegramUpdate(bot.deps, text('/balance'));

    expect(bot.chat.messages.at(-1)?.text).toBe('You have 20 credits (20 purchased, 0 from your Pro allowance).');
  });

  it('names the policy version and what is stored on /privacy', async () => {
    const bot = memoryBot({ policyVersion: '2026-11' });

    await handleTelegramUpdate(bot.deps, text('/privacy'));

    expect(bot.chat.messages.at(-1)?.text).toMatch(/versión 2026-11\..*nombre de usuario.*código de idioma/);
  });

  it('ignores group chats and messages from other bots', async () => {
    const bot = memoryBot();
    const inGroup: TelegramUpdate = {
      update_id: nextUpdateId++,
      message: { message_id: 1, from: person, chat: { id: -5, type: 'group' }, text: '/start' },
    };

    expect(await handleTelegramUpdate(bot.deps, inGroup)).toBe('ignored');
    expect(await handleTelegramUpdate(bot.deps, text('/start', { ...person, id: 7, is_bot: true }))).toBe('ignored');
    expect(bot.profiles.profiles.size).toBe(0);
  });
});
