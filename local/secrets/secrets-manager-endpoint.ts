/**
 * The local Secrets Manager: a node:http server answering the one call Pictor's functions make,
 * GetSecretValue, in the protocol @aws-sdk/client-secrets-manager speaks (AWS JSON 1.1, the
 * action in `x-amz-target: secretsmanager.<Action>`). Handlers reach it through the standard
 * AWS_ENDPOINT_URL_SECRETS_MANAGER, so the code that reads a secret in AWS reads it here
 * unchanged, and no secret value ever travels in an environment variable. Signatures are not
 * checked (as with s3rver).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerEndpoint {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  readonly url: string;
  /** How many GetSecretValue calls it answered, by secret name (functions should read once per container). */
  readonly reads: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

const contentType = 'application/x-amz-json-1.1';
const targetPrefix = 'secretsmanager.';
const maxRequestBytes = 64 * 1024;

function respond(res: ServerResponse, statusCode: number, body: unknown): void {
  res.writeHead(statusCode, { 'content-type': contentType, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
}

const failure = (res: ServerResponse, statusCode: number, type: string, message: string) =>
  respond(res, statusCode, { __type: type, message });

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > maxRequestBytes) return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves `secrets` (name → value) on 127.0.0.1; a secret may be asked for by name or by the ARN
 * this endpoint gives it.
 */
export async function startSecretsManagerEndpoint(
  secrets: ReadonlyMap<string, string>,
  port = 0,
): Promise<SecretsManagerEndpoint> {
  const createdDate = Math.floor(Date.now() / 1000);
  const reads = new Map<string, number>();
  const arnOf = (name: string) => `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-local`;
  const nameOf = (id: string) => [...secrets.keys()].find((name) => name === id || arnOf(name) === id);

  const server = createServer((req, res) => {
    void (async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith(targetPrefix)) {
        return failure(
          res,
          400,
          'InvalidRequestException',
          'Expected a POST with x-amz-target: secretsmanager.<Action>.',
        );
      }
      const action = target.slice(targetPrefix.length);
      if (action !== 'GetSecretValue')
        return failure(res, 400, 'InvalidRequestException', `The local Secrets Manager does not implement ${action}.`);
      const body = await readJson(req);
      if (!body || typeof body.SecretId !== 'string')
        return failure(res, 400, 'InvalidParameterException', 'SecretId is required.');
      const name = nameOf(body.SecretId);
      if (name === undefined)
        return failure(res, 400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
      reads.set(name, (reads.get(name) ?? 0) + 1);
      respond(res, 200, {
        ARN: arnOf(name),
        Name: name,
        SecretString: secrets.get(name),
        VersionId: 'local',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: createdDate,
      });
    })().catch(() => failure(res, 500, 'InternalServiceError', 'The local Secrets Manager failed.'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    reads,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
