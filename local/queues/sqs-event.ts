/**
 * The Lambda side of the event source mapping: the SQSEvent a worker receives, and how its
 * answer is read with ReportBatchItemFailures (as the CDK stack configures every worker).
 */
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { MessageAttributeValue } from './md5';
import type { QueuedMessage } from './queued-message';

function recordAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  const result: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    result[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue.toString('base64') } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  return result;
}

/** One record per message, with the receive it is in (count and handle already updated). */
export function sqsRecord(message: QueuedMessage, queueArn: string, region: string): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle ?? '',
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: message.senderId,
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
      ...(message.traceHeader ? { AWSTraceHeader: message.traceHeader } : {}),
    },
    messageAttributes: recordAttributes(message.messageAttributes),
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes ? { md5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

export const sqsEvent = (messages: readonly QueuedMessage[], queueArn: string, region: string): SQSEvent => ({
  Records: messages.map((message) => sqsRecord(message, queueArn, region)),
});

export type BatchOutcome =
  | { kind: 'success' }
  | { kind: 'partial'; failedMessageIds: ReadonlySet<string> }
  | { kind: 'failure'; reason: string };

/**
 * Lambda's rules: no response, an empty one, or an empty or null `batchItemFailures` is a
 * complete success; listed ids fail and the rest succeed; a malformed list, or an
 * itemIdentifier that is empty or not in the batch, fails the whole batch.
 */
export function readBatchResponse(result: unknown, batch: readonly QueuedMessage[]): BatchOutcome {
  if (result === undefined || result === null || typeof result !== 'object') return { kind: 'success' };
  const failures = (result as Partial<SQSBatchResponse>).batchItemFailures as unknown;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  const ids = new Set(batch.map((message) => message.messageId));
  const failed = new Set<string>();
  for (const failure of failures as unknown[]) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) {
      return {
        kind: 'failure',
        reason: `batchItemFailures names ${JSON.stringify(id)}, which is not a messageId of this batch`,
      };
    }
    failed.add(id);
  }
  return failed.size === 0 ? { kind: 'success' } : { kind: 'partial', failedMessageIds: failed };
}

/** Why one record of the batch failed, or undefined when the mapping deletes it as processed. */
export function failureOf(outcome: BatchOutcome, messageId: string): string | undefined {
  if (outcome.kind === 'failure') return outcome.reason;
  if (outcome.kind === 'partial' && outcome.failedMessageIds.has(messageId)) return 'reported in batchItemFailures';
  return undefined;
}
