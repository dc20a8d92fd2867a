/**
 * One worker's queue and its event source mapping, in-process: SQS's message lifecycle
 * (delay, visibility timeout, receive count, redrive to a dead-letter list after
 * maxReceiveCount receives) and Lambda's polling side (batches of up to batchSize visible
 * messages, a few batches at once, ReportBatchItemFailures, a timeout). Built from the same
 * WorkerDefinition the CDK stack builds the real queue and function from.
 *
 * Local time is scaled: every SQS wait (visibility timeouts, DelaySeconds, ChangeMessageVisibility)
 * lasts `timeScale` times its AWS duration, so a retry after a 720 s visibility timeout comes
 * 7.2 s later at 0.01. The worker's own timeout is not scaled: its work takes real time.
 *
 * Unlike AWS, a message never reappears while the invocation holding it still runs (in AWS
 * the six-times-the-timeout visibility makes that rare); it reappears when the invocation has
 * failed and its visibility timeout has passed, whichever is later.
 */
import type { WorkerDefinition } from '../../lib/workers';
import { localRegion } from '../config';
import { systemClock, type QueueClock } from './clock';
import { WorkerFunction } from './invoke-worker';
import { parseVisibilityTimeout, type NewMessage } from './message-input';
import { localQueueArn, localQueueName } from './names';
import { messageIdOfHandle, newQueuedMessage, newReceiptHandle, type QueuedMessage } from './queued-message';
import { queueAttributes } from './queue-attributes';
import { failureOf } from './sqs-event';
import { sqsErrors } from './sqs-errors';
import { StateWaiters } from './state-waiters';
import {
  toDeadLetter,
  visibilityTimeoutFactor,
  type DeadLetter,
  type LocalQueueOptions,
  type QueueStats,
} from './queue-types';

export class LocalQueue {
  readonly worker: WorkerDefinition;
  readonly name: string;
  readonly arn: string;
  readonly visibilityTimeoutSeconds: number;
  /** A test fault: sends to this queue are refused (local/queues/index.ts, `faults.refuseSends`). */
  refusingSends = false;
  private readonly clock: QueueClock;
  private readonly timeScale: number;
  private readonly concurrency: number;
  private readonly log: (line: string) => void;
  /** The worker as the event source mapping invokes it (its `crashing` fault lives there). */
  readonly fn: WorkerFunction;
  private readonly createdAt: number;

  private readonly messages = new Map<string, QueuedMessage>();
  /** Visible messages in the order they became visible: the mapping takes the oldest first. */
  private readonly visible = new Set<QueuedMessage>();
  private readonly dead: DeadLetter[] = [];
  private readonly waiters = new StateWaiters();
  private running = 0;
  private pumpScheduled = false;
  private closed = false;
  private readonly counts = {
    sent: 0,
    invocations: 0,
    succeeded: 0,
    failedDeliveries: 0,
    deletedBySender: 0,
    deadLettered: 0,
  };

  constructor(options: LocalQueueOptions) {
    if (!(options.timeScale > 0)) throw new Error(`timeScale must be a positive number, not ${options.timeScale}`);
    this.worker = options.worker;
    this.name = localQueueName(options.worker);
    const region = options.region ?? localRegion;
    this.arn = localQueueArn(this.name, region);
    this.visibilityTimeoutSeconds = options.worker.timeoutSeconds * visibilityTimeoutFactor;
    this.clock = options.clock ?? systemClock;
    this.timeScale = options.timeScale;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.log = options.log ?? ((line) => console.log(line));
    this.fn = new WorkerFunction({
      worker: this.worker,
      loadHandler: options.loadHandler,
      queueArn: this.arn,
      region,
      clock: this.clock,
      log: this.log,
      isClosed: () => this.closed,
    });
    this.createdAt = this.clock.now();
  }

  /** The local duration, in milliseconds, of `seconds` of AWS time. */
  private scaled(seconds: number): number {
    return seconds * 1000 * this.timeScale;
  }

  // ---- The SQS API side -------------------------------------------------------------------

  send(input: NewMessage, senderId: string): QueuedMessage {
    if (this.refusingSends) throw sqsErrors.kmsAccessDenied();
    const now = this.clock.now();
    const message = newQueuedMessage(input, senderId, now, now + this.scaled(input.delaySeconds));
    this.messages.set(message.messageId, message);
    this.counts.sent += 1;
    if (message.state === 'delayed') this.becomeVisibleAt(message, message.visibleAt);
    else this.makeVisible(message);
    return message;
  }

  /**
   * The message a receipt handle belongs to, if it is its latest receive. A handle this queue
   * never issued is invalid; an older one (or one of a deleted message) is merely stale.
   */
  private messageOf(handle: unknown): { message?: QueuedMessage } {
    const messageId = messageIdOfHandle(handle);
    if (!messageId) throw sqsErrors.receiptHandleIsInvalid(handle);
    const message = this.messages.get(messageId);
    return { message: message?.receiptHandle === handle ? message : undefined };
  }

  /** As SQS: deleting with a stale handle, or twice, succeeds and changes nothing. */
  deleteMessage(handle: unknown): void {
    const { message } = this.messageOf(handle);
    if (!message) return;
    this.counts.deletedBySender += 1;
    this.remove(message);
  }

  /**
   * Sets when a received message becomes visible again, counted from now. While its invocation
   * runs the new time waits for the invocation's end (a failure then honours it); after a failure
   * it reschedules the retry.
   */
  changeVisibility(handle: unknown, visibilityTimeout: unknown): void {
    const seconds = parseVisibilityTimeout(visibilityTimeout);
    const { message } = this.messageOf(handle);
    if (!message) throw sqsErrors.receiptHandleIsInvalid(handle);
    if (message.state !== 'in-flight' && message.state !== 'waiting-for-retry') throw sqsErrors.messageNotInflight();
    message.visibleAt = this.clock.now() + this.scaled(seconds);
    if (message.state === 'waiting-for-retry') this.becomeVisibleAt(message, message.visibleAt);
  }

  /** GetQueueAttributes: the requested names (or `All`). */
  attributes(names: readonly string[] = []): Record<string, string> {
    const stats = this.stats();
    return queueAttributes(
      {
        arn: this.arn,
        createdAt: this.createdAt,
        visibilityTimeoutSeconds: this.visibilityTimeoutSeconds,
        visible: stats.visible,
        notVisible: stats.inFlight + stats.waitingForRetry,
        delayed: stats.delayed,
      },
      names,
    );
  }

  // ---- Observing it -------------------------------------------------------------------------

  stats(): QueueStats {
    const inState = (state: QueuedMessage['state']) =>
      [...this.messages.values()].filter((m) => m.state === state).length;
    return {
      ...this.counts,
      visible: inState('visible'),
      inFlight: inState('in-flight'),
      waitingForRetry: inState('waiting-for-retry'),
      delayed: inState('delayed'),
    };
  }

  deadLetters(): DeadLetter[] {
    return this.dead.map((letter) => ({ ...letter }));
  }

  /** Nothing left: no message delayed, visible, in flight or waiting for a retry. */
  isDrained(): boolean {
    return this.messages.size === 0 && this.running === 0;
  }

  /** Resolves once the queue is drained; rejects if it is closed first. */
  whenDrained(): Promise<void> {
    return this.waiters.waitFor(() => this.isDrained());
  }

  /**
   * Resolves once no invocation runs and nothing visible waits for one: whatever is left waits
   * on the clock. Tests with a manual clock call this before moving time forward.
   */
  whenIdle(): Promise<void> {
    return this.waiters.waitFor(() => this.running === 0 && this.visible.size === 0 && !this.pumpScheduled);
  }

  /** Stops dispatching and cancels every timer; an invocation still running is left to finish unobserved. */
  close(): void {
    this.closed = true;
    for (const message of this.messages.values()) message.cancelTimer?.();
    this.fn.cancelTimers();
    this.waiters.close(`The local queue ${this.name} was closed.`);
  }

  /** Called after every change of state: wakes whoever waits for a condition that now holds. */
  private settle(): void {
    this.waiters.recheck();
  }

  // ---- The message lifecycle ----------------------------------------------------------------

  private remove(message: QueuedMessage): void {
    message.cancelTimer?.();
    this.messages.delete(message.messageId);
    this.visible.delete(message);
    this.settle();
  }

  private becomeVisibleAt(message: QueuedMessage, at: number): void {
    message.cancelTimer?.();
    message.cancelTimer = undefined;
    // Already due (a slow invocation outlived its visibility timeout, or a zero timeout): now.
    if (at <= this.clock.now()) {
      this.makeVisible(message);
      return;
    }
    message.cancelTimer = this.clock.schedule(at - this.clock.now(), () => {
      message.cancelTimer = undefined;
      if (this.messages.get(message.messageId) === message) this.makeVisible(message);
    });
  }

  /** As SQS's redrive policy: a message received maxReceiveCount times moves instead of being received again. */
  private makeVisible(message: QueuedMessage): void {
    if (message.receiveCount >= this.worker.maxReceiveCount) {
      this.deadLetter(message);
      return;
    }
    message.state = 'visible';
    this.visible.add(message);
    this.schedulePump();
  }

  private deadLetter(message: QueuedMessage): void {
    this.dead.push(toDeadLetter(message, this.clock.now()));
    this.counts.deadLettered += 1;
    this.log(
      `SQS ${this.worker.id} DEAD LETTER: message ${message.messageId} failed ${message.receiveCount} receives ` +
        `(maxReceiveCount ${this.worker.maxReceiveCount}) and moved to the dead-letter queue; ` +
        `last error: ${message.lastError ?? 'unknown'}`,
    );
    this.remove(message);
  }

  // ---- The event source mapping -------------------------------------------------------------

  /** Dispatches on a microtask, so messages sent together (SendMessageBatch) share a batch. */
  private schedulePump(): void {
    if (this.pumpScheduled || this.closed) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.visible.size > 0) {
      const batch = [...this.visible].slice(0, this.worker.batchSize);
      const now = this.clock.now();
      for (const message of batch) {
        this.visible.delete(message);
        message.state = 'in-flight';
        message.receiveCount += 1;
        message.firstReceiveTimestamp ??= now;
        message.receiptHandle = newReceiptHandle(message);
        message.visibleAt = now + this.scaled(this.visibilityTimeoutSeconds);
      }
      this.running += 1;
      void this.process(batch).then(() => {
        this.running -= 1;
        this.schedulePump();
        this.settle();
      });
    }
    this.settle();
  }

  private async process(batch: QueuedMessage[]): Promise<void> {
    this.counts.invocations += 1;
    const started = Date.now();
    const outcome = await this.fn.invoke(batch);
    if (this.closed) return;
    let failed = 0;
    for (const message of batch) {
      // The worker may have deleted it itself; then there is nothing left to settle.
      if (this.messages.get(message.messageId) !== message) continue;
      const reason = failureOf(outcome, message.messageId);
      if (reason === undefined) {
        this.counts.succeeded += 1;
        this.remove(message);
      } else {
        failed += 1;
        this.counts.failedDeliveries += 1;
        message.state = 'waiting-for-retry';
        message.lastError = reason;
        this.becomeVisibleAt(message, message.visibleAt);
      }
    }
    const receives = [...new Set(batch.map((message) => message.receiveCount))].join(',');
    const why = outcome.kind === 'failure' ? ` (${outcome.reason})` : '';
    this.log(
      `SQS ${this.worker.id} ${batch.length} record(s), receive ${receives}/${this.worker.maxReceiveCount}: ` +
        `${batch.length - failed} ok, ${failed} failed${why} ${Date.now() - started}ms`,
    );
  }
}
