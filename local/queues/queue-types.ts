/**
 * The shapes a local queue is built from and reports: its options, its counters, its dead
 * letters, and the constants it shares with the local stack's banner.
 */
import type { WorkerDefinition } from '../../lib/workers';
import type { HandlerLoader } from '../handler-loader';
import type { QueueClock } from './clock';
import type { MessageAttributeValue } from './md5';
import type { QueuedMessage } from './queued-message';

/** AWS's advice for queues that feed a Lambda function: six times the function's timeout. */
export const visibilityTimeoutFactor = 6;

export interface LocalQueueOptions {
  worker: WorkerDefinition;
  loadHandler: HandlerLoader;
  /** Local duration of one AWS second, as a fraction: 0.001 turns 720 s into 0.72 s. */
  timeScale: number;
  /** @default systemClock */
  clock?: QueueClock;
  /** Batches that may run at once, as Lambda runs several pollers per mapping. @default 2 */
  concurrency?: number;
  /** @default localRegion */
  region?: string;
  /** Invocation summaries, worker errors and dead-lettering. @default console.log */
  log?: (line: string) => void;
}

export interface QueueStats {
  sent: number;
  /** Messages right now in each state (ApproximateNumberOfMessages and friends). */
  visible: number;
  inFlight: number;
  waitingForRetry: number;
  delayed: number;
  invocations: number;
  /** Records the worker processed without failing them (the mapping deleted them). */
  succeeded: number;
  /** Deliveries that failed: reported in batchItemFailures, thrown, or timed out. */
  failedDeliveries: number;
  /** Messages removed by a DeleteMessage call. */
  deletedBySender: number;
  deadLettered: number;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  messageAttributes: Record<string, MessageAttributeValue>;
  /** Receives before the move: the worker's maxReceiveCount. */
  receiveCount: number;
  sentTimestamp: number;
  deadLetteredAt: number;
  /** Why the last delivery failed. */
  lastError?: string;
}

export const describeError = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** The dead-letter record of a message that failed its last receive. */
export function toDeadLetter(message: QueuedMessage, deadLetteredAt: number): DeadLetter {
  return {
    messageId: message.messageId,
    body: message.body,
    messageAttributes: message.messageAttributes,
    receiveCount: message.receiveCount,
    sentTimestamp: message.sentTimestamp,
    deadLetteredAt,
    lastError: message.lastError,
  };
}
