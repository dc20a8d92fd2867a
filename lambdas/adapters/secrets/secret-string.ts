/**
 * Reads a secret from Secrets Manager once per container (secrets never travel in env vars:
 * only their ids do). The endpoint comes from the standard AWS_ENDPOINT_URL_SECRETS_MANAGER,
 * which the local stack points at its in-process stand-in.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let client: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<string>>();

export function secretsClient(): SecretsManagerClient {
  client ??= new SecretsManagerClient({});
  return client;
}

/** The secret's string value; a failed read is not cached, so the next call tries again. */
export function secretString(secretId: string): Promise<string> {
  let value = cache.get(secretId);
  if (!value) {
    value = secretsClient()
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then(({ SecretString }) => {
        if (!SecretString) throw new Error(`secret ${secretId} has no string value`);
        return SecretString;
      });
    value.catch(() => cache.delete(secretId));
    cache.set(secretId, value);
  }
  return value;
}
