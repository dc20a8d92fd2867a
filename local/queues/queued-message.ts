/**
 * A message as the local queue holds it, and its receipt handles. A receipt handle is issued
 * per receive and names the message and the receive it came from, so a handle from an earlier
 * receive is recognisably stale (as in SQS, it no longer changes the message's visibility).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { md5Hex, md5OfMessageAttributes, type MessageAttributeValue } from './md5';
import type { NewMessage } from './message-input';

/**
 *  - delayed: sent with DelaySeconds that have not passed yet;
 *  - visible: waiting for the event source mapping to pick it up;
 *  - in-flight: in a batch a worker invocation is processing;
 *  - waiting-for-retry: its invocation failed; it reappears when its visibility timeout ends.
 * SQS counts the last two as "not visible".
 */
export type MessageState = 'delayed' | 'visible' | 'in-flight' | 'waiting-for-retry';

export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: Record<string, MessageAttributeValue>;
  readonly md5OfMessageAttributes?: string;
  readonly traceHeader?: string;
  readonly sentTimestamp: number;
  readonly senderId: string;
  state: MessageState;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** The handle of the latest receive; undefined until the first. */
  receiptHandle?: string;
  /** Clock time at which a delayed or not-visible message becomes visible. */
  visibleAt: number;
  /** Why the latest delivery failed (a thrown error, a timeout, or a reported record failure). */
  lastError?: string;
  /** Cancels the pending timer that makes this message visible. */
  cancelTimer?: () => void;
}

/** A message as SendMessage leaves it: delayed until `visibleAt`, or visible at once. */
export function newQueuedMessage(input: NewMessage, senderId: string, now: number, visibleAt: number): QueuedMessage {
  return {
    messageId: randomUUID(),
    body: input.body,
    md5OfBody: md5Hex(input.body),
    messageAttributes: input.messageAttributes,
    md5OfMessageAttributes: md5OfMessageAttributes(input.messageAttributes),
    traceHeader: input.traceHeader,
    sentTimestamp: now,
    senderId,
    state: input.delaySeconds > 0 ? 'delayed' : 'visible',
    receiveCount: 0,
    visibleAt,
  };
}

const separator = ':';

export function newReceiptHandle(message: QueuedMessage): string {
  return Buffer.from(
    [message.messageId, message.receiveCount, randomBytes(24).toString('hex')].join(separator),
  ).toString('base64');
}

/** The message id a handle was issued for, or undefined when it is not a handle this queue issues. */
export function messageIdOfHandle(handle: unknown): string | undefined {
  if (typeof handle !== 'string' || handle === '' || !/^[A-Za-z0-9+/]+=*$/.test(handle)) return undefined;
  const parts = Buffer.from(handle, 'base64').toString('utf8').split(separator);
  return parts.length === 3 && /^[0-9a-f-]{36}$/.test(parts[0]) && /^\d+$/.test(parts[1]) ? parts[0] : undefined;
}
