/** What the bot's use cases need from the outside (type-only: no bundle bytes). */
import type { LedgerEntry, Profile } from '../profile/profile';
import type { BotLanguage, TelegramIdentity } from './identity';

/** The kind of update a receipt records, for the operator; never its content. */
export type UpdateKind = 'message' | 'callback_query' | 'my_chat_member' | 'pre_checkout_query' | 'other';

export interface UpdateReceipt {
  readonly updateId: number;
  readonly kind: UpdateKind;
  readonly receivedAt: string;
}

/** The set of seen `update_id`s. */
export interface UpdateReceipts {
  /** Adds the update to the set: false if it was already there (a redelivery). */
  claim(receipt: UpdateReceipt): Promise<boolean>;
  /** Marks a claimed update as failed, with the error's name only (no content). */
  recordFailure(updateId: number, failure: string, now: string): Promise<void>;
  /** Takes the update out of the set again, so Telegram's redelivery is taken in as new. */
  release(updateId: number): Promise<void>;
}

/**
 * Thrown by a handler whose effect must not be lost, such as crediting a Stars payment: the
 * update's claim is released and the webhook answers non-2XX, so Telegram redelivers it (holding
 * that chat's later updates meanwhile). The effect itself must be idempotent on its own key (a
 * payment's `telegram_payment_charge_id`), since the first attempt may have half-happened.
 * Every other failure is recorded and answered 200, so one bad update never stalls a chat.
 */
export class RedeliverUpdateError extends Error {
  override readonly name = 'RedeliverUpdateError';
}

export interface TelegramIdentityStore {
  /** One GetItem on the pointer. */
  getIdentity(telegramUserId: string): Promise<TelegramIdentity | undefined>;
  /**
   * The pointer, the profile and its starter grant in one transaction, each only if absent: false
   * if the pointer already exists (a concurrent first contact won).
   */
  createIdentity(identity: TelegramIdentity, profile: Profile, grant: LedgerEntry): Promise<boolean>;
  /** Refreshes what Telegram tells on each update (username, language code, chat). */
  updateTelegramSide(
    telegramUserId: string,
    side: Pick<TelegramIdentity, 'username' | 'languageCode' | 'chatId'>,
  ): Promise<void>;
  setChosenLanguage(telegramUserId: string, language: BotLanguage): Promise<void>;
  /** `at` set: the bot is blocked (no sends); undefined: reachable again. */
  setUnreachable(telegramUserId: string, at: string | undefined): Promise<void>;
  /**
   * Makes `conversationId` the chat's conversation unless it has one other than `replacing`
   * (absent: unless it has any); answers the conversation the chat has afterwards.
   */
  setConversation(telegramUserId: string, conversationId: string, replacing?: string): Promise<string>;
}

/** One inline button: its label and its callback data (1–64 bytes). */
export interface ChatButton {
  readonly text: string;
  readonly data: string;
}

/** Thrown by a `ChatSender` when Telegram answers 403: the person blocked the bot. */
export class ChatUnreachableError extends Error {
  override readonly name = 'ChatUnreachableError';
}

/** What a chat is shown while the bot works (Telegram's `sendChatAction`). */
export type ChatAction = 'typing' | 'upload_photo';

/** The Bot API calls the webhook and the generation worker make (lambdas/adapters/telegram/). */
export interface ChatSender {
  sendMessage(chatId: number, text: string, buttons?: readonly (readonly ChatButton[])[]): Promise<void>;
  answerCallbackQuery(callbackQueryId: string): Promise<void>;
  /** A PNG sent as a multipart upload (the bucket is private, so Telegram cannot fetch a URL). */
  sendPhoto(chatId: number, png: Uint8Array, caption: string): Promise<void>;
  sendChatAction(chatId: number, action: ChatAction): Promise<void>;
}
