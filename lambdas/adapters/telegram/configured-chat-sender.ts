/**
 * The stage's ChatSender, for every function that talks to Telegram (the webhook, the generation
 * worker): the bot token is read from Secrets Manager on the first send only (never at module
 * init, so a webhook refusing a wrong secret reads nothing), and grammY gets the stage's
 * `botInfo`, so no `getMe` runs. Undefined when the stage has no bot.
 */
import type { UserFromGetMe } from 'grammy/types';
import type { ChatSender } from '../../domain/telegram/ports';
import { telegramConfig } from '../../shared/config';
import { secretString } from '../secrets/secret-string';
import { chatSender } from './bot-api';

/** `maxRetryAfterSeconds`: the longest 429 wait worth taking in this function (a webhook answers within seconds). */
export function configuredChatSender(maxRetryAfterSeconds: number): ChatSender | undefined {
  const config = telegramConfig();
  const tokenSecretId = config.TELEGRAM_BOT_TOKEN_SECRET_ID;
  const botInfo = config.TELEGRAM_BOT_INFO as UserFromGetMe | undefined;
  if (!tokenSecretId || !botInfo) return undefined;
  let sender: Promise<ChatSender> | undefined;
  const ready = () => {
    sender ??= secretString(tokenSecretId).then((token) =>
      chatSender({
        token,
        botInfo,
        ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
        maxRetryAfterSeconds,
      }),
    );
    // A failed read is tried again on the next send rather than remembered.
    sender.catch(() => {
      sender = undefined;
    });
    return sender;
  };
  return {
    sendMessage: async (...args) => (await ready()).sendMessage(...args),
    answerCallbackQuery: async (...args) => (await ready()).answerCallbackQuery(...args),
    sendPhoto: async (...args) => (await ready()).sendPhoto(...args),
    sendChatAction: async (...args) => (await ready()).sendChatAction(...args),
  };
}
