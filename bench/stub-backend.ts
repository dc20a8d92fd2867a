/**
 * A do-nothing AWS endpoint on 127.0.0.1 for the first invocations (P3). The children point
 * every SDK client at it (AWS_ENDPOINT_URL), so an invocation pays what a real first call pays
 * on the client side (credential and endpoint resolution, signing, a TCP connection, parsing
 * the response) with no network and no emulator in the timing. DynamoDB JSON-protocol calls
 * get a well-formed empty answer; SQS SendMessage gets a message id and the MD5 of the body the
 * SDK checks (without it the call fails and the handler answers 500); anything else gets `{}`.
 * It counts requests per operation.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const EMPTY_ANSWERS: Record<string, unknown> = {
  GetItem: {},
  PutItem: {},
  UpdateItem: {},
  DeleteItem: {},
  TransactWriteItems: {},
  TransactGetItems: { Responses: [] },
  Query: { Items: [], Count: 0, ScannedCount: 0 },
  Scan: { Items: [], Count: 0, ScannedCount: 0 },
  BatchGetItem: { Responses: {}, UnprocessedKeys: {} },
  BatchWriteItem: { UnprocessedItems: {} },
};

/** SQS's answer to SendMessage: the SDK compares MD5OfMessageBody with its own hash of the body. */
function sentMessage(request: Buffer): unknown {
  let messageBody = '';
  try {
    messageBody = String((JSON.parse(request.toString('utf8')) as { MessageBody?: unknown }).MessageBody ?? '');
  } catch {
    // Not JSON: answer the MD5 of nothing, and let the SDK say what it thinks of it.
  }
  return { MessageId: 'bench-message', MD5OfMessageBody: createHash('md5').update(messageBody).digest('hex') };
}

export interface StubBackend {
  readonly url: string;
  /** Requests per operation over the whole run. */
  readonly operations: Map<string, number>;
  /** Operations since the last call, in arrival order. */
  takeRecent(): string[];
  close(): Promise<void>;
}

export async function startStubBackend(): Promise<StubBackend> {
  const operations = new Map<string, number>();
  let recent: string[] = [];
  const server: Server = createServer((req, res) => {
    const received: Buffer[] = [];
    req.on('data', (chunk: Buffer) => received.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.includes('.') ? target.slice(target.indexOf('.') + 1) : `${req.method} ${req.url}`;
      operations.set(operation, (operations.get(operation) ?? 0) + 1);
      recent.push(operation);
      const answer = operation === 'SendMessage' ? sentMessage(Buffer.concat(received)) : EMPTY_ANSWERS[operation];
      const body = JSON.stringify(answer ?? {});
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': Buffer.byteLength(body),
        'x-amzn-requestid': 'bench',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    operations,
    takeRecent: () => {
      const taken = recent;
      recent = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
