/**
 * One Telegram update, taken in exactly once (POST /webhooks/telegram, docs/telegram.md).
 * 1. Add the `update_id` to the set of seen ids (a redelivery stops here: no second effect).
 * 2. Know the sender: the pointer from their Telegram id, or, on first contact, a new Pictor user
 *    id, the pointer and the profile with its starter grant, in one transaction (once per person).
 * 3. Act on the update: a command (./commands), a button (./buttons), another message (./inbound),
 *    a change of the chat member.
 * A failure in 2–3 is recorded on the update's receipt (the error's name, no content) and the
 * update counts as taken in: Telegram holds a chat's later updates until a failed one succeeds,
 * so a failure must never stall the chat (CONTRACTS-2 §2.3). The exception is an effect that must
 * not be lost (`RedeliverUpdateError`, e.g. crediting a payment): its claim is released and the
 * error thrown on, so the webhook answers non-2XX and Telegram redelivers the update.
 */
import { newProfile } from '../profile/ensure-profile';
import { botContext } from './bot-context';
import type { BotDeps, UpdateOutcome } from './bot-deps';
import { buttonHandlerFor } from './buttons';
import { commands, parseCommand } from './commands';
import type { TelegramIdentity } from './identity';
import { messageHandlers } from './inbound';
import { RedeliverUpdateError, type UpdateKind } from './ports';
import type { TelegramUpdate, TelegramUser } from './update';

export type { UpdateOutcome } from './bot-deps';
export { consentCallbacks } from './consent';
/** The bot's deps (./bot-deps.ts); the name the composition root and the tests use. */
export type HandleTelegramUpdateDeps = BotDeps;

export async function handleTelegramUpdate(deps: BotDeps, update: TelegramUpdate): Promise<UpdateOutcome> {
  const kind = kindOf(update);
  const now = deps.now().toISOString();
  if (!(await deps.receipts.claim({ updateId: update.update_id, kind, receivedAt: now }))) return 'duplicate';
  try {
    const outcome = await dispatch(deps, update);
    deps.log('telegram update', { updateId: update.update_id, kind, outcome });
    return outcome;
  } catch (error) {
    if (error instanceof RedeliverUpdateError) {
      deps.log('telegram update to be redelivered', { updateId: update.update_id, kind });
      await deps.receipts.release(update.update_id);
      throw error;
    }
    const failure = error instanceof Error ? error.name : 'unknown';
    deps.log('telegram update failed', { updateId: update.update_id, kind, failure });
    await deps.receipts.recordFailure(update.update_id, failure, deps.now().toISOString());
    return 'failed';
  }
}

function kindOf(update: TelegramUpdate): UpdateKind {
  if (update.message) return 'message';
  if (update.callback_query) return 'callback_query';
  if (update.my_chat_member) return 'my_chat_member';
  if ('pre_checkout_query' in update) return 'pre_checkout_query';
  return 'other';
}

async function dispatch(deps: BotDeps, update: TelegramUpdate): Promise<UpdateOutcome> {
  if (update.my_chat_member) {
    const { from, chat, new_chat_member } = update.my_chat_member;
    if (chat.type !== 'private') return 'ignored';
    const identity = await identify(deps, from, chat.id);
    const blocked = new_chat_member.status === 'kicked';
    await deps.identities.setUnreachable(identity.telegramUserId, blocked ? deps.now().toISOString() : undefined);
    return 'handled';
  }
  if (update.callback_query) {
    const query = update.callback_query;
    const ctx = botContext(
      deps,
      await identify(deps, query.from, query.message?.chat.id ?? query.from.id),
      update.update_id,
    );
    await ctx.send(() => deps.chat.answerCallbackQuery(query.id));
    const data = query.data ?? '';
    const onButton = buttonHandlerFor(data);
    return onButton ? onButton(ctx, data) : 'ignored';
  }
  const message = update.message;
  if (!message?.from || message.chat.type !== 'private' || message.from.is_bot) return 'ignored';
  const ctx = botContext(deps, await identify(deps, message.from, message.chat.id), update.update_id);
  const text = message.text?.trim() ?? '';
  if (text.startsWith('/')) {
    const { name, argument } = parseCommand(text);
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (command) return command(ctx, argument);
    await ctx.reply(ctx.m.notYet);
    return 'handled';
  }
  const handler = messageHandlers.find((candidate) => candidate.takes(message));
  return handler ? handler.handle(ctx, message) : 'ignored';
}

/** The sender's identity, created with their account on first contact; the Telegram side kept current. */
async function identify(deps: BotDeps, from: TelegramUser, chatId: number): Promise<TelegramIdentity> {
  const telegramUserId = String(from.id);
  const side = {
    chatId,
    ...(from.username === undefined ? {} : { username: from.username }),
    ...(from.language_code === undefined ? {} : { languageCode: from.language_code }),
  };
  const known = await deps.identities.getIdentity(telegramUserId);
  if (known) {
    if (known.chatId !== side.chatId || known.username !== side.username || known.languageCode !== side.languageCode) {
      await deps.identities.updateTelegramSide(telegramUserId, side);
    }
    return { ...known, ...side };
  }
  const createdAt = deps.now().toISOString();
  const identity: TelegramIdentity = { telegramUserId, userId: deps.newUserId(), createdAt, ...side };
  const { profile, grant } = newProfile(identity.userId, createdAt, deps.starterCredits);
  if (await deps.identities.createIdentity(identity, profile, grant)) return identity;
  const winner = await deps.identities.getIdentity(telegramUserId);
  if (!winner) throw new Error('identity creation conflicted but no identity exists');
  return winner;
}
