/**
 * Entry point of `npm run telegram:set-webhook -- -c stage=<name> --api-url <url>`: reads the
 * stage's bot token and webhook secret from Secrets Manager with the operator's own AWS
 * credentials, and calls setWebhook (bin/telegram-set-webhook-command.ts says what it sends).
 * Prints the webhook as Telegram then reports it (getWebhookInfo), never a secret.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Api } from 'grammy/web';
import { parseStageConfig } from '../lib/config/stage-config';
import { parseSetWebhookArgs, setWebhookRequest } from './telegram-set-webhook-command';

async function secret(client: SecretsManagerClient, id: string): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: id }));
  if (!SecretString) throw new Error(`secret ${id} has no string value`);
  return SecretString;
}

async function main(): Promise<void> {
  const args = parseSetWebhookArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`${args.error}\n`);
    process.exit(2);
  }
  const cdkJson = JSON.parse(readFileSync(resolve(__dirname, '..', 'cdk.json'), 'utf8')) as {
    context?: { stages?: unknown };
  };
  const stage = parseStageConfig(args.stage, cdkJson.context?.stages);
  const { webhookSecretName, botTokenSecretName } = stage.telegram;
  if (!webhookSecretName || !botTokenSecretName) {
    process.stderr.write(`Stage ${args.stage} has no telegram.webhookSecretName and botTokenSecretName.\n`);
    process.exit(2);
  }
  const client = new SecretsManagerClient(stage.region ? { region: stage.region } : {});
  try {
    const api = new Api(await secret(client, botTokenSecretName));
    const { url, ...options } = setWebhookRequest(args.apiUrl, await secret(client, webhookSecretName));
    await api.setWebhook(url, options);
    const info = await api.getWebhookInfo();
    const summary = { url: info.url, allowed_updates: info.allowed_updates, pending: info.pending_update_count };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } catch (error) {
    process.stderr.write(`set-webhook failed: ${(error as Error).message}\n`);
    process.exit(1);
  } finally {
    client.destroy();
  }
}

void main();
