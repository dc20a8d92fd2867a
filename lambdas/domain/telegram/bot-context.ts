/**
 * What a command, a button or a message handler acts with: the deps, the sender's identity, the
 * catalog in their language, and the one way to talk to the chat (nothing is sent to a chat that
 * blocked the bot; a 403 marks it so and is not retried).
 */
import { AccountInactiveError } from '../../shared/errors';
import type { ProfileView } from '../profile/profile-view';
import type { BotDeps } from './bot-deps';
import { languageOf, type TelegramIdentity } from './identity';
import { type BotMessages, messagesIn } from './messages';
import { type ChatButton, ChatUnreachableError } from './ports';

export interface BotContext {
  readonly deps: BotDeps;
  readonly identity: TelegramIdentity;
  /** The update being handled: the idempotency key of what it pays for. */
  readonly updateId: number;
  /** The catalog in the person's language. */
  readonly m: BotMessages;
  /** Sends a text (and inline buttons) to the person's chat. */
  reply(text: string, buttons?: readonly (readonly ChatButton[])[]): Promise<void>;
  /** Makes a Bot API call to the person's chat, unless it is unreachable. */
  send(call: () => Promise<void>): Promise<void>;
  /** The profile, or undefined after telling the person their account is not active. */
  activeProfile(): Promise<ProfileView | undefined>;
}

export function botContext(deps: BotDeps, identity: TelegramIdentity, updateId: number): BotContext {
  const m = messagesIn(languageOf(identity));
  const send = async (call: () => Promise<void>) => {
    if (identity.unreachableAt) return;
    try {
      await call();
    } catch (error) {
      if (!(error instanceof ChatUnreachableError)) throw error;
      await deps.identities.setUnreachable(identity.telegramUserId, deps.now().toISOString());
    }
  };
  const reply = (text: string, buttons?: readonly (readonly ChatButton[])[]) =>
    send(() => deps.chat.sendMessage(identity.chatId, text, buttons));
  return {
    deps,
    identity,
    updateId,
    m,
    send,
    reply,
    async activeProfile() {
      try {
        return await deps.profileOf(identity.userId);
      } catch (error) {
        if (!(error instanceof AccountInactiveError)) throw error;
        await reply(m.accountInactive);
        return undefined;
      }
    },
  };
}
