/**
 * The SQS actions the local endpoint answers, as functions from the JSON request body to the
 * JSON response body (the AWS JSON 1.0 shapes the SDK sends and expects). Errors are thrown as
 * SqsError; the HTTP layer (sqs-endpoint.ts) turns them into SQS's error responses.
 */
import type { LocalQueue } from './local-queue';
import { maxMessageBytes, messageSize, parseNewMessage, type NewMessage } from './message-input';
import { localQueueAccountId, parseQueueUrl } from './names';
import { SqsError, sqsErrors } from './sqs-errors';

export interface OperationContext {
  /** The queues by name. */
  queues: ReadonlyMap<string, LocalQueue>;
  /** The URL a queue is reached at on this endpoint. */
  queueUrl(queueName: string): string;
  /** Who sent the request, as SQS records it on each message (the caller's access key id). */
  senderId: string;
}

type Input = Record<string, unknown>;
type Operation = (input: Input, context: OperationContext) => Record<string, unknown>;

const maxBatchEntries = 10;
const batchEntryId = /^[A-Za-z0-9_-]{1,80}$/;

function queueOf(input: Input, context: OperationContext): LocalQueue {
  const url = input.QueueUrl;
  if (typeof url !== 'string' || url === '') throw sqsErrors.missingParameter('QueueUrl');
  const address = parseQueueUrl(url);
  if (!address) throw sqsErrors.invalidAddress(url);
  const queue = address.accountId === localQueueAccountId ? context.queues.get(address.queueName) : undefined;
  if (!queue) throw sqsErrors.queueDoesNotExist();
  return queue;
}

function required(input: Input, name: string): unknown {
  if (input[name] === undefined || input[name] === null) throw sqsErrors.missingParameter(name);
  return input[name];
}

/** The checks every *Batch action makes on the request as a whole. */
function batchEntries(input: Input): Input[] {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0) throw sqsErrors.emptyBatchRequest();
  if (entries.length > maxBatchEntries) throw sqsErrors.tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries as Input[]) {
    if (typeof entry?.Id !== 'string' || !batchEntryId.test(entry.Id)) throw sqsErrors.invalidBatchEntryId();
    if (seen.has(entry.Id)) throw sqsErrors.batchEntryIdsNotDistinct(entry.Id);
    seen.add(entry.Id);
  }
  return entries as Input[];
}

/** Runs `act` per entry: the successes and the per-entry failures, as the *Batch actions answer. */
function eachEntry<T>(entries: Input[], act: (entry: Input, index: number) => T) {
  const Successful: T[] = [];
  const Failed: ReturnType<SqsError['toBatchFailure']>[] = [];
  for (const [index, entry] of entries.entries()) {
    try {
      Successful.push(act(entry, index));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push(error.toBatchFailure(entry.Id as string));
    }
  }
  return { Successful, Failed };
}

function sendOne(queue: LocalQueue, message: NewMessage, context: OperationContext) {
  const sent = queue.send(message, context.senderId);
  return {
    MessageId: sent.messageId,
    MD5OfMessageBody: sent.md5OfBody,
    ...(sent.md5OfMessageAttributes ? { MD5OfMessageAttributes: sent.md5OfMessageAttributes } : {}),
  };
}

export const operations: Record<string, Operation> = {
  SendMessage(input, context) {
    const queue = queueOf(input, context);
    return sendOne(queue, parseNewMessage(input), context);
  },

  SendMessageBatch(input, context) {
    const queue = queueOf(input, context);
    const entries = batchEntries(input);
    // Validate every entry before sending any, so the size limit applies to the whole request.
    const parsed = entries.map((entry) => {
      try {
        return parseNewMessage(entry);
      } catch (error) {
        if (error instanceof SqsError) return error;
        throw error;
      }
    });
    const total = parsed.reduce(
      (bytes, message) => bytes + (message instanceof SqsError ? 0 : messageSize(message)),
      0,
    );
    if (total > maxMessageBytes) throw sqsErrors.batchRequestTooLong(total, maxMessageBytes);
    return eachEntry(entries, (entry, index) => {
      const message = parsed[index];
      if (message instanceof SqsError) throw message;
      return { Id: entry.Id, ...sendOne(queue, message, context) };
    });
  },

  DeleteMessage(input, context) {
    queueOf(input, context).deleteMessage(required(input, 'ReceiptHandle'));
    return {};
  },

  DeleteMessageBatch(input, context) {
    const queue = queueOf(input, context);
    return eachEntry(batchEntries(input), (entry) => {
      queue.deleteMessage(required(entry, 'ReceiptHandle'));
      return { Id: entry.Id };
    });
  },

  ChangeMessageVisibility(input, context) {
    queueOf(input, context).changeVisibility(required(input, 'ReceiptHandle'), required(input, 'VisibilityTimeout'));
    return {};
  },

  ChangeMessageVisibilityBatch(input, context) {
    const queue = queueOf(input, context);
    return eachEntry(batchEntries(input), (entry) => {
      queue.changeVisibility(required(entry, 'ReceiptHandle'), required(entry, 'VisibilityTimeout'));
      return { Id: entry.Id };
    });
  },

  GetQueueUrl(input, context) {
    const name = required(input, 'QueueName');
    const owner = input.QueueOwnerAWSAccountId;
    const queue = typeof name === 'string' ? context.queues.get(name) : undefined;
    if (!queue || (owner !== undefined && owner !== localQueueAccountId)) throw sqsErrors.queueDoesNotExist();
    return { QueueUrl: context.queueUrl(queue.name) };
  },

  GetQueueAttributes(input, context) {
    const queue = queueOf(input, context);
    const names = Array.isArray(input.AttributeNames) ? input.AttributeNames.map(String) : [];
    return { Attributes: queue.attributes(names) };
  },

  ListQueues(input, context) {
    const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
    const names = [...context.queues.keys()].filter((name) => name.startsWith(prefix)).sort();
    return { QueueUrls: names.map((name) => context.queueUrl(name)) };
  },
};
