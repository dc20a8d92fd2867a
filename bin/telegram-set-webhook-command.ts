/**
 * What `npm run telegram:set-webhook -- -c stage=<name> --api-url <url>` sends: setWebhook with
 * the stage's webhook URL, its secret token and every update kind the bot handles. Pure, so the
 * request is tested without Telegram; bin/telegram-set-webhook.ts reads the secrets and sends it.
 */

/**
 * The update kinds the bot asks for. Listed in full every time: an omitted `allowed_updates`
 * keeps the previous setting (CONTRACTS §3.2), and a selling bot that never receives
 * `pre_checkout_query` lets every checkout time out.
 */
export const telegramAllowedUpdates = ['message', 'callback_query', 'pre_checkout_query', 'my_chat_member'] as const;

export interface SetWebhookArgs {
  readonly stage: string;
  /** The stage API's base URL (the CDK output), e.g. `https://abc.execute-api.eu-west-1.amazonaws.com`. */
  readonly apiUrl: string;
}

/** Parses `-c stage=<name> --api-url <url>`; an error names what is missing or wrong. */
export function parseSetWebhookArgs(argv: readonly string[]): SetWebhookArgs | { error: string } {
  let stage: string | undefined;
  let apiUrl: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-c' && argv[i + 1]?.startsWith('stage=')) stage = argv[++i].slice('stage='.length);
    else if (arg === '--api-url') apiUrl = argv[++i];
    else return { error: `Unknown argument ${arg}. Usage: -c stage=<name> --api-url <https://…>` };
  }
  if (!stage) return { error: 'No stage given: pass -c stage=<name>.' };
  if (!apiUrl || !/^https:\/\/[^/\s]+/.test(apiUrl)) return { error: 'Pass --api-url with the stage API’s https URL.' };
  return { stage, apiUrl };
}

/** setWebhook's parameters (never `drop_pending_updates`: it would drop unprocessed payments). */
export function setWebhookRequest(apiUrl: string, secretToken: string) {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw new Error('The webhook secret must be 1-256 characters of A-Z, a-z, 0-9, _ and -.');
  }
  return {
    url: `${apiUrl.replace(/\/+$/, '')}/webhooks/telegram`,
    secret_token: secretToken,
    allowed_updates: [...telegramAllowedUpdates],
  };
}
