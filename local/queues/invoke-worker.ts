/**
 * One Lambda invocation of a worker, as the runtime runs it: the handler gets the batch's
 * SQSEvent and a context whose deadline is the worker's timeout (real time, not scaled), and
 * an invocation that outlives the timeout fails. The handler cannot be stopped: a timed-out
 * call runs on unobserved, where Lambda would freeze it.
 */
import type { WorkerDefinition } from '../../lib/workers';
import { lambdaContext } from '../api-event';
import type { Handler, HandlerLoader } from '../handler-loader';
import type { QueueClock } from './clock';
import type { QueuedMessage } from './queued-message';
import { describeError } from './queue-types';
import { readBatchResponse, sqsEvent, type BatchOutcome } from './sqs-event';

export interface InvokeWorkerOptions {
  worker: WorkerDefinition;
  handler: Handler;
  batch: readonly QueuedMessage[];
  queueArn: string;
  region: string;
  clock: QueueClock;
  /** Holds the timeout's cancel function while the call runs, so closing the queue can cancel it. */
  pendingTimers: Set<() => void>;
}

/** The batch outcome the answer gives (see readBatchResponse); throws what the handler threw, or the timeout. */
export async function invokeWorker({
  worker,
  handler,
  batch,
  queueArn,
  region,
  clock,
  pendingTimers,
}: InvokeWorkerOptions): Promise<BatchOutcome> {
  const timeoutMs = worker.timeoutSeconds * 1000;
  let cancelTimeout: (() => void) | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    cancelTimeout = clock.schedule(timeoutMs, () =>
      reject(new Error(`Task timed out after ${worker.timeoutSeconds.toFixed(2)} seconds`)),
    );
    pendingTimers.add(cancelTimeout);
  });
  try {
    const context = lambdaContext(worker, clock.now() + timeoutMs, () => clock.now());
    const result = await Promise.race([handler(sqsEvent(batch, queueArn, region), context), timedOut]);
    return readBatchResponse(result, batch);
  } finally {
    if (cancelTimeout) {
      cancelTimeout();
      pendingTimers.delete(cancelTimeout);
    }
  }
}

/**
 * A worker function as the event source mapping sees it: loaded once, like a cold start (a
 * module that failed to load is tried again next time, and fails the batch as an init error
 * fails the invocation), then invoked per batch.
 */
export class WorkerFunction {
  /** A test fault: every invocation fails as one that timed out, the handler never run (`faults.crashDeliveries`). */
  crashing = false;
  private handler: Promise<Handler> | undefined;
  private readonly pendingTimers = new Set<() => void>();

  constructor(
    private readonly options: Omit<InvokeWorkerOptions, 'handler' | 'batch' | 'pendingTimers'> & {
      loadHandler: HandlerLoader;
      log: (line: string) => void;
      isClosed: () => boolean;
    },
  ) {}

  async invoke(batch: readonly QueuedMessage[]): Promise<BatchOutcome> {
    const { worker, queueArn, region, clock, log, isClosed } = this.options;
    if (this.crashing)
      return {
        kind: 'failure',
        reason: `Task timed out after ${worker.timeoutSeconds.toFixed(2)} seconds (faults.crashDeliveries)`,
      };
    try {
      return await invokeWorker({
        worker,
        handler: await this.loaded(),
        batch,
        queueArn,
        region,
        clock,
        pendingTimers: this.pendingTimers,
      });
    } catch (error) {
      if (!isClosed())
        log(`[${worker.id}] ${error instanceof Error && error.stack ? error.stack : describeError(error)}`);
      return { kind: 'failure', reason: describeError(error) };
    }
  }

  /** Cancels the timeouts of invocations still running (they finish unobserved). */
  cancelTimers(): void {
    for (const cancel of this.pendingTimers) cancel();
    this.pendingTimers.clear();
  }

  private loaded(): Promise<Handler> {
    if (!this.handler) {
      this.handler = this.options.loadHandler(this.options.worker);
      this.handler.catch(() => (this.handler = undefined));
    }
    return this.handler;
  }
}
