/**
 * The local Step Functions endpoint: a node:http server speaking the protocol
 * @aws-sdk/client-sfn uses, AWS JSON 1.0: a POST whose `x-amz-target: AWSStepFunctions.<Action>`
 * names the action, with JSON in and out (`application/x-amz-json-1.0`). Handlers reach it
 * through the standard AWS_ENDPOINT_URL_SFN variable with unchanged SDK clients. Signatures are
 * not checked, as with the local SQS endpoint.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalStateMachine } from './local-state-machine';
import { SfnError, sfnErrors } from './sfn-errors';
import { operations } from './sfn-operations';

export interface SfnEndpointOptions {
  machine: LocalStateMachine;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' (local only) */
  host?: string;
  /** Unexpected failures. @default console.log */
  log?: (line: string) => void;
}

export interface SfnEndpoint {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL_SFN. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const jsonContentType = 'application/x-amz-json-1.0';
const targetPrefix = 'AWSStepFunctions.';
/** Far above any valid request (an execution's input is at most 256 KiB). */
const maxRequestBytes = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxRequestBytes) chunks.push(chunk);
  }
  return size > maxRequestBytes ? 'too-large' : Buffer.concat(chunks);
}

function respond(res: ServerResponse, statusCode: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(statusCode, { 'content-type': jsonContentType, 'content-length': Buffer.byteLength(payload), 'x-amzn-requestid': randomUUID() });
  res.end(payload);
}

/** `__type` names the error shape; the SDK maps it to its exception class. */
const respondWithError = (res: ServerResponse, error: SfnError) =>
  respond(res, error.statusCode, { __type: `com.amazonaws.sfn#${error.shape}`, message: error.message });

export async function startSfnEndpoint(options: SfnEndpointOptions): Promise<SfnEndpoint> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const contentType = String(req.headers['content-type'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(targetPrefix) || !contentType.startsWith(jsonContentType)) {
      throw new SfnError('UnknownOperationException', `The local Step Functions endpoint speaks AWS JSON 1.0 only (POST, x-amz-target: ${targetPrefix}<Action>, content-type ${jsonContentType}).`);
    }
    if (body === 'too-large') throw new SfnError('ValidationException', 'The request is too large.', 413);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new SfnError('SerializationException', 'The request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new SfnError('SerializationException', 'The request body must be a JSON object.');
    const action = target.slice(targetPrefix.length);
    const operation = Object.hasOwn(operations, action) ? operations[action] : undefined;
    if (!operation) throw sfnErrors.unsupportedOperation(action);
    respond(res, 200, await operation(input as Record<string, unknown>, options.machine));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof SfnError) {
        respondWithError(res, error);
        return;
      }
      log(`local Step Functions failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      respondWithError(res, new SfnError('InternalFailure', 'The request processing has failed because of an unknown error.', 500));
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // The SDK keeps connections alive; they would hold close() open.
        server.closeAllConnections();
      }),
  };
}
