/**
 * One Lambda invocation of a worker, as the runtime runs it: the handler gets the batch's
 * SQSEvent and a context whose deadline is the worker's timeout (real time, not scaled), and
 * an invocation that outlives the timeout fails. The handler cannot be stopped: a timed-out
 * call runs on unobserved, where Lambda would freeze it.
 */
import type { WorkerDefinition } from '../../lib/workers';
import { lambdaContext } from '../api-event';
import type { Handler } from '../handler-loader';
import type { QueueClock } from './clock';
import type { QueuedMessage } from './queued-message';
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
export async function invokeWorker({ worker, handler, batch, queueArn, region, clock, pendingTimers }: InvokeWorkerOptions): Promise<BatchOutcome> {
  const timeoutMs = worker.timeoutSeconds * 1000;
  let cancelTimeout: (() => void) | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    cancelTimeout = clock.schedule(timeoutMs, () => reject(new Error(`Task timed out after ${worker.timeoutSeconds.toFixed(2)} seconds`)));
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
