/**
 * The local SQS endpoint: a node:http server speaking the protocol @aws-sdk/client-sqs (3.1169)
 * uses, AWS JSON 1.0: a POST whose `x-amz-target: AmazonSQS.<Action>` names the action, with
 * JSON in and out (`application/x-amz-json-1.0`). Handlers reach it through the standard
 * AWS_ENDPOINT_URL_SQS variable with unchanged SDK clients. Signatures are not checked (as with
 * s3rver); the access key id becomes the messages' SenderId.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalQueue } from './local-queue';
import { localQueueUrl } from './names';
import { SqsError, sqsErrors } from './sqs-errors';
import { operations } from './sqs-operations';

export interface SqsEndpointOptions {
  /** The queues it serves, by queue name. */
  queues: ReadonlyMap<string, LocalQueue>;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' (local only) */
  host?: string;
  /** Unexpected failures. @default console.log */
  log?: (line: string) => void;
}

export interface SqsEndpoint {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL_SQS. */
  readonly url: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>/000000000000/<name>`, shaped like an AWS queue URL. */
  queueUrl(queueName: string): string;
  close(): Promise<void>;
}

const jsonContentType = 'application/x-amz-json-1.0';
const targetPrefix = 'AmazonSQS.';
/** Far above any valid request (a batch carries at most 1 MiB of messages, base64 adds a third). */
const maxRequestBytes = 4 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxRequestBytes) chunks.push(chunk);
  }
  return size > maxRequestBytes ? 'too-large' : Buffer.concat(chunks);
}

/** The access key id in a SigV4 `Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/...` header. */
function senderIdOf(req: IncomingMessage): string {
  const match = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '');
  return match?.[1] ?? 'AIDALOCALANONYMOUS';
}

function respond(res: ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(statusCode, {
    'content-type': jsonContentType,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(payload);
}

/** `__type` names the error shape; the query-compatible header carries the code the SDK maps to its exception class. */
function respondWithError(res: ServerResponse, error: SqsError): void {
  const fault = error.statusCode >= 500 ? 'Receiver' : 'Sender';
  respond(res, error.statusCode, { __type: `com.amazonaws.sqs#${error.shape}`, message: error.message }, {
    'x-amzn-query-error': `${error.queryCode};${fault}`,
  });
}

export async function startSqsEndpoint(options: SqsEndpointOptions): Promise<SqsEndpoint> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  let baseUrl = '';
  const queueUrl = (queueName: string) => localQueueUrl(baseUrl, queueName);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const contentType = String(req.headers['content-type'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(targetPrefix) || !contentType.startsWith(jsonContentType)) {
      // An older SDK (or the CLI in query mode) would send form-encoded `Action=...` requests.
      throw new SqsError('InvalidAction', 'InvalidAction', `The local SQS endpoint speaks AWS JSON 1.0 only (POST, x-amz-target: AmazonSQS.<Action>, content-type ${jsonContentType}).`);
    }
    if (body === 'too-large') throw new SqsError('RequestEntityTooLarge', 'RequestEntityTooLarge', 'The request is too large.', 413);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new SqsError('SerializationException', 'SerializationException', 'The request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new SqsError('SerializationException', 'SerializationException', 'The request body must be a JSON object.');
    }
    const action = target.slice(targetPrefix.length);
    const operation = Object.hasOwn(operations, action) ? operations[action] : undefined;
    if (!operation) throw sqsErrors.unsupportedOperation(action);
    respond(res, 200, operation(input as Record<string, unknown>, { queues: options.queues, queueUrl, senderId: senderIdOf(req) }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof SqsError) {
        respondWithError(res, error);
        return;
      }
      log(`local SQS failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      respondWithError(res, new SqsError('InternalError', 'InternalError', 'We encountered an internal error. Please try again.', 500));
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: baseUrl,
    port,
    queueUrl,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // The SDK keeps connections alive; they would hold close() open.
        server.closeAllConnections();
      }),
  };
}
