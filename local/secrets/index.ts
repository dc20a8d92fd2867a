/**
 * The secrets the local stack's functions read, served by the local Secrets Manager, and the
 * environment that names them (ids only, as in AWS). The user-id hash key is random per start
 * unless given: a local stack's retained records need not outlive it.
 */
import { randomBytes } from 'node:crypto';
import { envNames } from '../../lambdas/shared/config';
import { localEnvNames } from '../config';
import { startSecretsManagerEndpoint, type SecretsManagerEndpoint } from './secrets-manager-endpoint';

export const localSecretNames = {
  userIdHashKey: 'pictor/local/user-id-hash-key',
  revenueCatApiKey: 'pictor/local/revenuecat-api-key',
  revenueCatWebhookAuthorization: 'pictor/local/revenuecat-webhook-authorization',
  telegramWebhookSecret: 'pictor/local/telegram-webhook-secret',
  telegramBotToken: 'pictor/local/telegram-bot-token',
} as const;

/**
 * The local Telegram bot (part B, issue 13): its webhook secret token, its token and its getMe
 * answer. Local values, not secrets: the fake Bot API (local/telegram/) accepts this token, and
 * the tests and the terminal chat send this secret token, as Telegram sends setWebhook's.
 */
export const localTelegramBot = {
  webhookSecret: 'local-telegram-webhook-secret',
  token: '1001:local-telegram-bot-token',
  botInfo: {
    id: 1001,
    is_bot: true,
    first_name: 'Pictor (local)',
    username: 'PictorLocalBot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  },
} as const;

/**
 * The Authorization header the local webhook expects (a local value, not a secret): the fake
 * RevenueCat and the tests send it, as RevenueCat sends the dashboard's value.
 */
export const localWebhookAuthorization = 'Bearer local-revenuecat-webhook';

export interface LocalSecrets {
  readonly endpoint: SecretsManagerEndpoint;
  /** AWS_ENDPOINT_URL_SECRETS_MANAGER and the secret ids the functions read. */
  readonly env: Record<string, string>;
  readonly userIdHashKey: string;
  close(): Promise<void>;
}

export interface LocalSecretsOptions {
  /** @default 64 random hex characters */
  userIdHashKey?: string;
  /**
   * A fake RevenueCat for the subscriber-removal step: its base URL and the key it expects.
   * @default none (the step is a no-op)
   */
  revenueCat?: { baseUrl: string; apiKey: string };
}

export async function startLocalSecrets(options: LocalSecretsOptions = {}): Promise<LocalSecrets> {
  const userIdHashKey = options.userIdHashKey ?? randomBytes(32).toString('hex');
  const secrets = new Map<string, string>([[localSecretNames.userIdHashKey, userIdHashKey]]);
  const env: Record<string, string> = { [envNames.userIdHashKeySecretId]: localSecretNames.userIdHashKey };
  secrets.set(localSecretNames.revenueCatWebhookAuthorization, localWebhookAuthorization);
  env[envNames.revenueCatWebhookSecretId] = localSecretNames.revenueCatWebhookAuthorization;
  secrets.set(localSecretNames.telegramWebhookSecret, localTelegramBot.webhookSecret);
  secrets.set(localSecretNames.telegramBotToken, localTelegramBot.token);
  env[envNames.telegramWebhookSecretId] = localSecretNames.telegramWebhookSecret;
  env[envNames.telegramBotTokenSecretId] = localSecretNames.telegramBotToken;
  env[envNames.telegramBotInfo] = JSON.stringify(localTelegramBot.botInfo);
  if (options.revenueCat) {
    secrets.set(localSecretNames.revenueCatApiKey, options.revenueCat.apiKey);
    env[envNames.revenueCatApiBaseUrl] = options.revenueCat.baseUrl;
    env[envNames.revenueCatApiKeySecretId] = localSecretNames.revenueCatApiKey;
  }
  const endpoint = await startSecretsManagerEndpoint(secrets);
  env[localEnvNames.secretsManagerEndpoint] = endpoint.url;
  return { endpoint, env, userIdHashKey, close: () => endpoint.close() };
}
