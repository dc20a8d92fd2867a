/**
 * POST /webhooks/telegram: one Telegram update (docs/telegram.md). 401 before any table access
 * unless X-Telegram-Bot-Api-Secret-Token is the stage's secret (constant time, the RevenueCat
 * webhook's check); the body is decoded by the shared JSON reader (base64 included, which
 * grammY's own adapters do not do). Every authenticated update is answered 200, a failed or
 * unreadable one too, after recording it: a non-2XX would hold the chat's later updates.
 */
import * as v from 'valibot';
import { verifyWebhookAuthorization } from '../adapters/secrets/webhook-authorization';
import { handleTelegramUpdate } from '../domain/telegram/handle-update';
import { telegramUpdateSchema } from '../domain/telegram/update';
import { telegramConfig } from '../shared/config';
import { publicRoute } from '../shared/http/route';
import { logger } from '../shared/logger';
import { telegramWebhookDeps } from './telegram-deps';

const updateSchema = telegramUpdateSchema();

export const handler = publicRoute(
  async ({ body }) => {
    const update = v.safeParse(updateSchema, body);
    if (!update.success) {
      // Nothing to dedupe on or act for; redelivering it would not help.
      logger.warn('telegram update unreadable', { fields: update.issues.map((issue) => v.getDotPath(issue) ?? '') });
      return {};
    }
    await handleTelegramUpdate(await telegramWebhookDeps(), update.output);
    // No body: Telegram reads a JSON answer as a method call to make (CONTRACTS §3.2).
    return {};
  },
  {
    authenticate: (headers) =>
      verifyWebhookAuthorization(
        telegramConfig().TELEGRAM_WEBHOOK_SECRET_ID,
        headers['x-telegram-bot-api-secret-token'],
      ),
    body: v.unknown(),
    // Updates are a few KB; a long caption with entities stays far below this.
    maxBodyBytes: 256 * 1024,
  },
);
