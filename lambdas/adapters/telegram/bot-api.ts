/**
 * The Bot API through grammY (imported from `grammy/web`: 90 KB against 425 KB for the node
 * entry, CONTRACTS-2 §2.4). The Bot is built on first use, after the webhook secret matched, from
 * the token in Secrets Manager and the stage's `botInfo`, so no `getMe` ever runs. Telegram's
 * errors become the domain's: 403 (blocked) → ChatUnreachableError, never retried; 429 → one
 * wait of Telegram's own `retry_after` when it is short, else TelegramRateLimitedError.
 */
import { Bot, GrammyError, InputFile, type Api } from 'grammy/web';
import type { UserFromGetMe } from 'grammy/types';
import { ChatUnreachableError, type ChatSender } from '../../domain/telegram/ports';
import { sleepFor, type Sleep } from '../../shared/retry';

/** A 429 whose `retry_after` is longer than the caller can wait. */
export class TelegramRateLimitedError extends Error {
  override readonly name = 'TelegramRateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(`Telegram asked to wait ${retryAfterSeconds} s`);
  }
}

export interface BotApiOptions {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** The fake Bot API's base in tests and the local stack. */
  readonly apiRoot?: string;
  /** The longest `retry_after` worth waiting for in this function (a webhook answers within seconds). */
  readonly maxRetryAfterSeconds: number;
  readonly sleep?: Sleep;
}

/** grammY's Api for the bot (no network until a method is called). */
export function botApi(options: BotApiOptions): Api {
  return new Bot(options.token, {
    botInfo: options.botInfo,
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  }).api;
}

/**
 * A Bot API call with Telegram's errors mapped. The wait is Telegram's `retry_after`, not a
 * backoff of ours, hence not `retryCall` (lambdas/shared/retry.ts); it is taken once.
 */
export async function callTelegram<T>(options: BotApiOptions, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const retryAfter = retryAfterOf(error);
    if (retryAfter === undefined) throw mapped(error);
    if (retryAfter > options.maxRetryAfterSeconds) throw new TelegramRateLimitedError(retryAfter);
    await (options.sleep ?? sleepFor)(retryAfter * 1000);
    try {
      return await call();
    } catch (second) {
      const again = retryAfterOf(second);
      throw again === undefined ? mapped(second) : new TelegramRateLimitedError(again);
    }
  }
}

function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof GrammyError) || error.error_code !== 429) return undefined;
  return error.parameters.retry_after ?? 1;
}

function mapped(error: unknown): unknown {
  if (error instanceof GrammyError && error.error_code === 403) return new ChatUnreachableError(error.description);
  return error;
}

/** The ChatSender: plain-text messages with optional inline buttons, callback answers, photos, chat actions. */
export function chatSender(options: BotApiOptions): ChatSender {
  let api: Api | undefined;
  const bot = () => {
    api ??= botApi(options);
    return api;
  };
  return {
    async sendMessage(chatId, text, buttons) {
      await callTelegram(options, () =>
        bot().sendMessage(chatId, text, {
          ...(buttons && buttons.length > 0
            ? {
                reply_markup: {
                  inline_keyboard: buttons.map((row) =>
                    row.map((button) => ({ text: button.text, callback_data: button.data })),
                  ),
                },
              }
            : {}),
        }),
      );
    },
    async answerCallbackQuery(callbackQueryId) {
      await callTelegram(options, () => bot().answerCallbackQuery(callbackQueryId));
    },
    async sendPhoto(chatId, png, caption) {
      // A Uint8Array source can be read again, so the one retry after a 429 resends the same bytes.
      await callTelegram(options, () => bot().sendPhoto(chatId, new InputFile(png, 'image.png'), { caption }));
    },
    async sendChatAction(chatId, action) {
      await callTelegram(options, () => bot().sendChatAction(chatId, action));
    },
  };
}
