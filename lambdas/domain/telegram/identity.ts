/**
 * A Telegram user as Pictor knows them: the pointer from their Telegram id to the Pictor account
 * the chat acts as, and only what the bot's policy names (username, language code), plus what the
 * bot needs to answer (the chat, the language chosen with /language, whether sends still reach).
 */

/** The languages the message catalog speaks (./messages.ts). */
export const botLanguages = ['en', 'es'] as const;
export type BotLanguage = (typeof botLanguages)[number];

export interface TelegramIdentity {
  /** The Telegram user id, as a decimal string. */
  readonly telegramUserId: string;
  readonly userId: string;
  /** The private chat the bot answers in (for a private chat Telegram makes it the user id). */
  readonly chatId: number;
  readonly username?: string;
  /** Telegram's IETF tag for the user's client, e.g. `es` or `pt-br`. */
  readonly languageCode?: string;
  /** Set by /language; wins over `languageCode`. */
  readonly chosenLanguage?: BotLanguage;
  /** When the person blocked the bot (`my_chat_member` kicked, or a 403): nothing is sent after it. */
  readonly unreachableAt?: string;
  /** The conversation the chat's prompts go to, made on the first prompt. */
  readonly conversationId?: string;
  readonly createdAt: string;
}

/** The catalog language for a person: their choice, else their client's language if spoken, else English. */
export function languageOf(identity: Pick<TelegramIdentity, 'chosenLanguage' | 'languageCode'>): BotLanguage {
  if (identity.chosenLanguage) return identity.chosenLanguage;
  const primary = identity.languageCode?.toLowerCase().split('-')[0];
  return botLanguages.find((language) => language === primary) ?? 'en';
}
