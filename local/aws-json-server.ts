/**
 * What the local stand-ins of AWS JSON 1.0 services (SQS, Step Functions) share: a node:http
 * server that takes a POST whose `x-amz-target: <prefix><Action>` names the action, parses the
 * JSON body, runs the action and answers JSON (`application/x-amz-json-1.0`), or the service's
 * own error shape. Signatures are not checked. Each service brings its actions and its errors.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, readBody, type ListeningServer } from './http-server';

const jsonContentType = 'application/x-amz-json-1.0';

/** An error as the service answers it on the wire. */
export interface WireError {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** How one service speaks the protocol: its target prefix, its limit, and its errors. */
export interface AwsJsonService<E extends Error> {
  /** For the failure log line, e.g. `SQS`. */
  readonly name: string;
  /** e.g. `AmazonSQS.` */
  readonly targetPrefix: string;
  /** Far above any valid request. */
  readonly maxRequestBytes: number;
  /** Whether `error` is one of the service's own, to be answered as it is. */
  isServiceError(error: unknown): error is E;
  toWire(error: E): WireError;
  errors: {
    /** Not a POST in AWS JSON 1.0 with the service's target. */
    wrongProtocol(message: string): E;
    tooLarge(): E;
    notJson(message: string): E;
    /** Anything else that went wrong: logged, and answered as a 500 that reveals nothing. */
    internal(): E;
  };
}

/** `url` is the value for the service's AWS_ENDPOINT_URL_<SERVICE>. */
export type AwsJsonServer = ListeningServer;

export interface StartAwsJsonServerOptions<E extends Error> {
  service: AwsJsonService<E>;
  /**
   * Runs `action` on the parsed body; what it returns is the answer. Throws the service's errors
   * (an unknown action too).
   */
  dispatch(action: string, input: Record<string, unknown>, req: IncomingMessage): unknown;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' (local only) */
  host?: string;
  /** Unexpected failures. @default console.log */
  log?: (line: string) => void;
}

function respond(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': jsonContentType,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(payload);
}

export async function startAwsJsonServer<E extends Error>(
  options: StartAwsJsonServerOptions<E>,
): Promise<AwsJsonServer> {
  const { service } = options;
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req, service.maxRequestBytes);
    const target = String(req.headers['x-amz-target'] ?? '');
    const contentType = String(req.headers['content-type'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(service.targetPrefix) || !contentType.startsWith(jsonContentType)) {
      throw service.errors.wrongProtocol(
        `The local ${service.name} endpoint speaks AWS JSON 1.0 only ` +
          `(POST, x-amz-target: ${service.targetPrefix}<Action>, content-type ${jsonContentType}).`,
      );
    }
    if (body === 'too-large') throw service.errors.tooLarge();
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw service.errors.notJson('The request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw service.errors.notJson('The request body must be a JSON object.');
    respond(
      res,
      200,
      await options.dispatch(target.slice(service.targetPrefix.length), input as Record<string, unknown>, req),
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!service.isServiceError(error)) {
        log(
          `local ${service.name} failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      const { status, body, headers } = service.toWire(
        service.isServiceError(error) ? error : service.errors.internal(),
      );
      respond(res, status, body, headers);
    });
  });
  return listen(server, { port: options.port ?? 0, host });
}
