/**
 * The Telegram webhook's wiring, built once per container on the first authenticated update:
 * the bot token is read from Secrets Manager only then (never at module init, so a cold start
 * refusing a wrong secret reads nothing), and grammY gets the stage's `botInfo`.
 */
import { randomUUID } from 'node:crypto';
import type { UserFromGetMe } from 'grammy/types';
import { documentClient } from '../adapters/dynamodb/client';
import { telegramIdentityRepository, telegramUpdateReceipts } from '../adapters/dynamodb/telegram-repository';
import { secretString } from '../adapters/secrets/secret-string';
import { chatSender } from '../adapters/telegram/bot-api';
import { getMyProfile } from '../domain/profile/get-my-profile';
import { recordMyConsents } from '../domain/profile/record-my-consents';
import { systemClock } from '../domain/shared/clock';
import type { HandleTelegramUpdateDeps } from '../domain/telegram/handle-update';
import { createConversation } from '../domain/conversations/create-conversation';
import { createGeneration } from '../domain/generations/create-generation';
import { readableItem } from '../domain/profile/account-status';
import { conversationCreation, conversationReads } from '../http/conversations/conversation-deps';
import { createGenerationDeps } from '../http/generations/create-generation-deps';
import { profileCreationDeps } from '../http/me/profile-creation-deps';
import { profileDeps } from '../http/me/profile-deps';
import { deletionRequestDeps } from '../http/me/deletion-request-deps';
import { requestAccountDeletion } from '../domain/account-deletion/request-account-deletion';
import { timeOrderedId } from '../shared/ids';
import { logger } from '../shared/logger';
import { ConfigurationError, tableConfig, telegramConfig } from '../shared/config';

/** A webhook answers within seconds; a longer `retry_after` is recorded as the update's failure. */
const webhookMaxRetryAfterSeconds = 2;

let deps: Promise<HandleTelegramUpdateDeps> | undefined;

export function telegramWebhookDeps(): Promise<HandleTelegramUpdateDeps> {
  deps ??= build();
  deps.catch(() => {
    deps = undefined;
  });
  return deps;
}

async function build(): Promise<HandleTelegramUpdateDeps> {
  const config = telegramConfig();
  const tokenSecretId = config.TELEGRAM_BOT_TOKEN_SECRET_ID;
  const botInfo = config.TELEGRAM_BOT_INFO as UserFromGetMe | undefined;
  if (!tokenSecretId || !botInfo) throw new ConfigurationError('The stage has no Telegram bot token or bot info.');
  const table = tableConfig().TABLE_NAME;
  const profiles = profileDeps();
  return {
    receipts: telegramUpdateReceipts(documentClient, table),
    identities: telegramIdentityRepository(documentClient, table),
    chat: chatSender({
      token: await secretString(tokenSecretId),
      botInfo,
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      maxRetryAfterSeconds: webhookMaxRetryAfterSeconds,
    }),
    profileOf: (userId) => getMyProfile(profiles, userId),
    recordConsents: (userId, request) => recordMyConsents(profiles, userId, request),
    starterCredits: profiles.starterCredits,
    privacyPolicyVersion: profiles.privacyPolicyVersion,
    now: systemClock,
    // Fresh per account (not derived from the Telegram id): after /unlink the chat starts a new one.
    newUserId: () => `tg_${randomUUID()}`,
    log: (message, fields) => logger.info(message, fields),
    createGeneration: (input) => createGeneration(createGenerationDeps(), input),
    createConversation: async (userId, title) =>
      (
        await createConversation(
          {
            conversations: conversationCreation(),
            profiles: profileCreationDeps(),
            now: systemClock,
            newId: timeOrderedId,
          },
          userId,
          { title },
        )
      ).id,
    requestAccountDeletion: (userId) => requestAccountDeletion(deletionRequestDeps(), userId),
    generationsIn: async (userId, conversationId) =>
      readableItem(await conversationReads().getWithGenerations(userId, conversationId))?.generations,
  };
}
