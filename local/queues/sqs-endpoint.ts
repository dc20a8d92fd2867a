/**
 * The local SQS endpoint: the protocol @aws-sdk/client-sqs (3.1169) uses, AWS JSON 1.0 with
 * `x-amz-target: AmazonSQS.<Action>` (local/aws-json-server.ts). Handlers reach it through the
 * standard AWS_ENDPOINT_URL_SQS variable with unchanged SDK clients. Signatures are not checked
 * (as with s3rver); the access key id becomes the messages' SenderId.
 */
import type { IncomingMessage } from 'node:http';
import { startAwsJsonServer, type AwsJsonService } from '../aws-json-server';
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

const sqs: AwsJsonService<SqsError> = {
  name: 'SQS',
  targetPrefix: 'AmazonSQS.',
  // A batch carries at most 1 MiB of messages, base64 adds a third.
  maxRequestBytes: 4 * 1024 * 1024,
  isServiceError: (error): error is SqsError => error instanceof SqsError,
  // `__type` names the error shape; the query-compatible header carries the code the SDK maps to its exception class.
  toWire: (error) => ({
    status: error.statusCode,
    body: { __type: `com.amazonaws.sqs#${error.shape}`, message: error.message },
    headers: { 'x-amzn-query-error': `${error.queryCode};${error.statusCode >= 500 ? 'Receiver' : 'Sender'}` },
  }),
  errors: {
    // An older SDK (or the CLI in query mode) would send form-encoded `Action=...` requests.
    wrongProtocol: (message) => new SqsError('InvalidAction', 'InvalidAction', message),
    tooLarge: () => new SqsError('RequestEntityTooLarge', 'RequestEntityTooLarge', 'The request is too large.', 413),
    notJson: (message) => new SqsError('SerializationException', 'SerializationException', message),
    internal: () =>
      new SqsError('InternalError', 'InternalError', 'We encountered an internal error. Please try again.', 500),
  },
};

/** The access key id in a SigV4 `Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/...` header. */
function senderIdOf(req: IncomingMessage): string {
  const match = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '');
  return match?.[1] ?? 'AIDALOCALANONYMOUS';
}

export async function startSqsEndpoint(options: SqsEndpointOptions): Promise<SqsEndpoint> {
  let baseUrl = '';
  const queueUrl = (queueName: string) => localQueueUrl(baseUrl, queueName);
  const server = await startAwsJsonServer({
    service: sqs,
    port: options.port,
    host: options.host,
    log: options.log,
    dispatch: (action, input, req) => {
      const operation = Object.hasOwn(operations, action) ? operations[action] : undefined;
      if (!operation) throw sqsErrors.unsupportedOperation(action);
      return operation(input, { queues: options.queues, queueUrl, senderId: senderIdOf(req) });
    },
  });
  baseUrl = server.url;
  return { ...server, queueUrl };
}
