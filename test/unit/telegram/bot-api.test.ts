/** Telegram's errors as the bot's adapter maps them: 429 waits Telegram's retry_after once, 403 is unreachable. */
import { GrammyError } from 'grammy/web';
import { callTelegram, TelegramRateLimitedError } from '../../../lambdas/adapters/telegram/bot-api';
import { ChatUnreachableError } from '../../../lambdas/domain/telegram/ports';
import { localTelegramBot } from '../../../local/secrets';

const telegramError = (error_code: number, retry_after?: number) =>
  new GrammyError(
    'Call to sendMessage failed',
    { ok: false, error_code, description: 'Telegram says no', ...(retry_after ? { parameters: { retry_after } } : {}) },
    'sendMessage',
    {},
  );

function options(waits: number[]) {
  return {
    token: '1001:test',
    botInfo: localTelegramBot.botInfo,
    maxRetryAfterSeconds: 2,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}

describe('callTelegram', () => {
  it('waits the retry_after Telegram names, once, and then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;

    const result = await callTelegram(options(waits), async () => {
      calls += 1;
      if (calls === 1) throw telegramError(429, 2);
      return 'sent';
    });

    expect(result).toBe('sent');
    expect(waits).toEqual([2000]);
  });

  it('does not wait a retry_after longer than the function can, and says how long Telegram asked', async () => {
    const waits: number[] = [];

    const failure = callTelegram(options(waits), async () => {
      throw telegramError(429, 30);
    });

    await expect(failure).rejects.toEqual(new TelegramRateLimitedError(30));
    expect(waits).toEqual([]);
  });

  it('gives up after one wait when Telegram floods again', async () => {
    const waits: number[] = [];

    const failure = callTelegram(options(waits), async () => {
      throw telegramError(429, 1);
    });

    await expect(failure).rejects.toBeInstanceOf(TelegramRateLimitedError);
    expect(waits).toEqual([1000]);
  });

  it('turns a 403 into ChatUnreachableError without trying again', async () => {
    const waits: number[] = [];
    let calls = 0;

    const failure = callTelegram(options(waits), async () => {
      calls += 1;
      throw telegramError(403);
    });

    await expect(failure).rejects.toBeInstanceOf(ChatUnreachableError);
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });
});
