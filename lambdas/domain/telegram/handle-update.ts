/**
 * One Telegram update, taken in exactly once (POST /webhooks/telegram, docs/telegram.md).
 * 1. Add the `update_id` to the set of seen ids (a redelivery stops here: no second effect).
 * 2. Know the sender: the pointer from their Telegram id, or, on first contact, a new Pictor user
 *    id, the pointer and the profile with its starter grant, in one transaction (once per person).
 * 3. Act on the update: a command, a consent button, a prompt, a change of the chat member.
 * A failure in 2–3 is recorded on the update's receipt (the error's name, no content) and the
 * update counts as taken in: Telegram holds a chat's later updates until a failed one succeeds,
 * so a failure must never stall the chat (CONTRACTS-2 §2.3).
 */
import { AccountInactiveError } from '../../shared/errors';
import type { ConsentRequest } from '../profile/consents';
import { newProfile } from '../profile/ensure-profile';
import type { ProfileView } from '../profile/profile-view';
import type { Clock } from '../shared/clock';
import { botLanguages, languageOf, type TelegramIdentity } from './identity';
import { messagesIn, type BotMessages } from './messages';
import {
  ChatUnreachableError,
  type ChatButton,
  type ChatSender,
  type TelegramIdentityStore,
  type UpdateKind,
  type UpdateReceipts,
} from './ports';
import type { TelegramUpdate, TelegramUser } from './update';

export interface HandleTelegramUpdateDeps {
  receipts: UpdateReceipts;
  identities: TelegramIdentityStore;
  chat: ChatSender;
  /** The profile as GET /v1/me shows it (created on first read). */
  profileOf: (userId: string) => Promise<ProfileView>;
  /** POST /v1/me/consents' use case, for the consent buttons. */
  recordConsents: (userId: string, request: ConsentRequest) => Promise<ProfileView>;
  starterCredits: number;
  privacyPolicyVersion: string;
  now: Clock;
  newUserId: () => string;
  /** Logs an outcome with ids and kinds only, never text, usernames or tokens. */
  log: (message: string, fields: Record<string, string | number>) => void;
}

export type UpdateOutcome = 'handled' | 'duplicate' | 'failed' | 'ignored';

/** The callback data of the consent buttons (≤ 64 bytes). */
export const consentCallbacks = { age: 'consent:age', policy: 'consent:policy' } as const;

export async function handleTelegramUpdate(
  deps: HandleTelegramUpdateDeps,
  update: TelegramUpdate,
): Promise<UpdateOutcome> {
  const kind = kindOf(update);
  const now = deps.now().toISOString();
  if (!(await deps.receipts.claim({ updateId: update.update_id, kind, receivedAt: now }))) return 'duplicate';
  try {
    const outcome = await dispatch(deps, update);
    deps.log('telegram update', { updateId: update.update_id, kind, outcome });
    return outcome;
  } catch (error) {
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

async function dispatch(deps: HandleTelegramUpdateDeps, update: TelegramUpdate): Promise<UpdateOutcome> {
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
    const chatId = query.message?.chat.id ?? query.from.id;
    const identity = await identify(deps, query.from, chatId);
    await send(deps, identity, () => deps.chat.answerCallbackQuery(query.id));
    return onButton(deps, identity, query.data ?? '');
  }
  const message = update.message;
  if (!message?.from || message.chat.type !== 'private' || message.from.is_bot) return 'ignored';
  const identity = await identify(deps, message.from, message.chat.id);
  const text = message.text?.trim() ?? '';
  if (text.startsWith('/')) return onCommand(deps, identity, text);
  return onPrompt(deps, identity);
}

/** The sender's identity, created with their account on first contact; the Telegram side kept current. */
async function identify(deps: HandleTelegramUpdateDeps, from: TelegramUser, chatId: number): Promise<TelegramIdentity> {
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

async function onCommand(deps: HandleTelegramUpdateDeps, identity: TelegramIdentity, text: string) {
  // "/language@PictorBot es" → command "language", argument "es".
  const [head = '', ...rest] = text.split(/\s+/);
  const command = head.slice(1).split('@')[0]?.toLowerCase();
  const argument = rest.join(' ');
  const say = (pick: (m: BotMessages) => string, language = languageOf(identity)) =>
    reply(deps, identity, pick(messagesIn(language)));
  switch (command) {
    case 'start':
      await say((m) => m.welcome);
      return consentStep(deps, identity);
    case 'help':
      await say((m) => m.help);
      return 'handled';
    case 'balance': {
      const profile = await activeProfile(deps, identity);
      if (profile) await say((m) => m.balance(profile.credits));
      return 'handled';
    }
    case 'privacy':
      await say((m) => m.privacy(deps.privacyPolicyVersion));
      return 'handled';
    case 'language': {
      const chosen = botLanguages.find((language) => language === argument.toLowerCase());
      if (!chosen) {
        await say((m) => m.languageUsage);
        return 'handled';
      }
      await deps.identities.setChosenLanguage(identity.telegramUserId, chosen);
      await say((m) => m.languageChosen, chosen);
      return 'handled';
    }
    default:
      await say((m) => m.notYet);
      return 'handled';
  }
}

/** A prompt is taken only once the person has confirmed their age and accepted the current policy. */
async function onPrompt(deps: HandleTelegramUpdateDeps, identity: TelegramIdentity): Promise<UpdateOutcome> {
  // 'handled': it asked for a consent (or told an inactive account); nothing more until then.
  if ((await consentStep(deps, identity)) === 'handled') return 'handled';
  await reply(deps, identity, messagesIn(languageOf(identity)).notYet);
  return 'handled';
}

/**
 * Asks for what is still missing (13+, the current policy) with one button each; answers
 * 'ignored' when nothing was missing, so the caller goes on.
 */
async function consentStep(deps: HandleTelegramUpdateDeps, identity: TelegramIdentity): Promise<UpdateOutcome> {
  const profile = await activeProfile(deps, identity);
  if (!profile) return 'handled';
  const buttons = consentButtons(profile, messagesIn(languageOf(identity)), deps.privacyPolicyVersion);
  if (buttons.length === 0) return 'ignored';
  await reply(deps, identity, messagesIn(languageOf(identity)).consentAsk, buttons);
  return 'handled';
}

function consentButtons(profile: ProfileView, m: BotMessages, version: string): ChatButton[][] {
  const buttons: ChatButton[][] = [];
  if (!profile.consents.ageConfirmedAt) buttons.push([{ text: m.consentAgeButton, data: consentCallbacks.age }]);
  if (profile.consents.privacyPolicyConsentNeeded) {
    buttons.push([{ text: m.consentPolicyButton(version), data: `${consentCallbacks.policy}:${version}` }]);
  }
  return buttons;
}

async function onButton(
  deps: HandleTelegramUpdateDeps,
  identity: TelegramIdentity,
  data: string,
): Promise<UpdateOutcome> {
  const request = consentRequestOf(data);
  if (!request) return 'ignored';
  const m = messagesIn(languageOf(identity));
  let profile: ProfileView;
  try {
    profile = await deps.recordConsents(identity.userId, request);
  } catch (error) {
    if (!(error instanceof AccountInactiveError)) throw error;
    await reply(deps, identity, m.accountInactive);
    return 'handled';
  }
  const buttons = consentButtons(profile, m, deps.privacyPolicyVersion);
  await reply(deps, identity, buttons.length === 0 ? m.consentDone : m.consentAsk, buttons);
  return 'handled';
}

/**
 * The consent a button gives. The policy button names the version it showed: a button from
 * before a policy change records that (outdated) version, which the consents use case refuses,
 * exactly as it refuses an app that showed an old version.
 */
function consentRequestOf(data: string): ConsentRequest | undefined {
  if (data === consentCallbacks.age) return { ageConfirmed: true };
  const prefix = `${consentCallbacks.policy}:`;
  if (data.startsWith(prefix) && data.length > prefix.length)
    return { privacyPolicyVersion: data.slice(prefix.length) };
  return undefined;
}

async function activeProfile(deps: HandleTelegramUpdateDeps, identity: TelegramIdentity) {
  try {
    return await deps.profileOf(identity.userId);
  } catch (error) {
    if (!(error instanceof AccountInactiveError)) throw error;
    await reply(deps, identity, messagesIn(languageOf(identity)).accountInactive);
    return undefined;
  }
}

function reply(
  deps: HandleTelegramUpdateDeps,
  identity: TelegramIdentity,
  text: string,
  buttons?: readonly (readonly ChatButton[])[],
) {
  return send(deps, identity, () => deps.chat.sendMessage(identity.chatId, text, buttons));
}

/** Nothing is sent to a chat that blocked the bot; a 403 marks it so, and is not retried. */
async function send(deps: HandleTelegramUpdateDeps, identity: TelegramIdentity, call: () => Promise<void>) {
  if (identity.unreachableAt) return;
  try {
    await call();
  } catch (error) {
    if (!(error instanceof ChatUnreachableError)) throw error;
    await deps.identities.setUnreachable(identity.telegramUserId, deps.now().toISOString());
  }
}
