/** The Telegram bot (issue 13, docs/telegram.md). */
import type { RouteDefinition } from './route-definition';

export const telegramRoutes: readonly RouteDefinition[] = [
  {
    id: 'TelegramWebhook',
    method: 'POST',
    path: '/webhooks/telegram',
    entry: 'lambdas/webhooks/telegram.ts',
    auth: {
      kind: 'public',
      reason:
        'Telegram cannot present a Cognito token: the handler compares the X-Telegram-Bot-Api-Secret-Token ' +
        'header in constant time with a Secrets Manager secret before any table access (401 otherwise).',
    },
    table: 'readWrite',
    limit: 'webhook',
    // A prompt in chat is a generation: moderated and queued as POST .../generations does.
    // /delete starts account deletion as DELETE /v1/me does.
    uses: ['runTelegramBot', 'moderatePrompts', 'enqueueGeneration', 'startAccountDeletion'],
  },
];
