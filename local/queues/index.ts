/**
 * SQS and the queue-fed workers, in this process: one local queue per worker of lib/workers.ts
 * (its event source mapping calling the worker's real handler with real-shaped SQS events), and
 * the local SQS endpoint senders reach with unchanged SDK clients through AWS_ENDPOINT_URL_SQS
 * and the worker's queue-URL variable.
 *
 *   const queues = await startLocalQueues({ workers, loadHandler, timeScale: 0.01 });
 *   Object.assign(process.env, queues.env); // handlers read the URLs from process.env
 *   ...
 *   await queues.drained();
 *   await queues.close();
 */
import type { WorkerDefinition } from '../../lib/workers';
import { defaultQueueTimeScale, localEnvNames } from '../config';
import { importSource, type HandlerLoader } from '../handler-loader';
import type { QueueClock } from './clock';
import { LocalQueue } from './local-queue';
import type { DeadLetter, QueueStats } from './queue-types';
import { startSqsEndpoint } from './sqs-endpoint';

export type { DeadLetter, QueueStats } from './queue-types';

export interface StartLocalQueuesOptions {
  workers: readonly WorkerDefinition[];
  /** How a worker's handler module is loaded. @default importSource */
  loadHandler?: HandlerLoader;
  /** Local duration of one AWS second on the queues' clock. @default defaultQueueTimeScale (0.01) */
  timeScale?: number;
  /** Invocation summaries, worker errors, dead-lettering. @default console.log */
  log?: (line: string) => void;
  /** Merged into process.env before any worker loads (workers read their config from it), as the router does. */
  env?: Record<string, string>;
  /** Batches each queue runs at once. @default 2 */
  concurrency?: number;
  /** The endpoint's port; 0 picks a free one. @default 0 */
  port?: number;
  /** @default systemClock */
  clock?: QueueClock;
}

export interface LocalQueues {
  /** The SQS endpoint, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  /**
   * AWS_ENDPOINT_URL_SQS and each worker's queueUrlEnv, set to the local endpoint and queue URLs;
   * and a worker's maxAttemptsEnv, if it has one, set to its maxReceiveCount.
   */
  readonly env: Record<string, string>;
  /** Each worker's queue URL, by worker id. */
  readonly queueUrls: Record<string, string>;
  readonly timeScale: number;
  /** Resolves when no queue holds a message: none delayed, visible, in flight or waiting for a retry. */
  drained(): Promise<void>;
  /** Messages that failed maxReceiveCount receives, oldest first. */
  deadLetters(workerId: string): DeadLetter[];
  stats(workerId: string): QueueStats;
  /**
   * Test faults until `clear()`: `refuseSends(workerId)` refuses every send to that queue;
   * `crashDeliveries(workerId)` fails every delivery as a worker timing out would, without running it.
   */
  readonly faults: { refuseSends(workerId: string): void; crashDeliveries(workerId: string): void; clear(): void };
  /** Stops dispatching, cancels every pending retry, and closes the endpoint. */
  close(): Promise<void>;
}

export async function startLocalQueues(options: StartLocalQueuesOptions): Promise<LocalQueues> {
  const envOwners = new Map<string, string>();
  for (const worker of options.workers) {
    const owner = envOwners.get(worker.queueUrlEnv);
    // Senders find a queue only through its variable: two queues behind one name would be a silent mix-up.
    if (owner)
      throw new Error(
        `Workers ${owner} and ${worker.id} both use ${worker.queueUrlEnv}; each queue needs its own variable.`,
      );
    envOwners.set(worker.queueUrlEnv, worker.id);
  }
  if (options.env) Object.assign(process.env, options.env);
  const timeScale = options.timeScale ?? defaultQueueTimeScale;
  const byWorker = new Map<string, LocalQueue>();
  const byName = new Map<string, LocalQueue>();
  for (const worker of options.workers) {
    const queue = new LocalQueue({
      worker,
      loadHandler: options.loadHandler ?? importSource,
      timeScale,
      clock: options.clock,
      concurrency: options.concurrency,
      log: options.log,
    });
    byWorker.set(worker.id, queue);
    byName.set(queue.name, queue);
  }
  const endpoint = await startSqsEndpoint({ queues: byName, port: options.port ?? 0, log: options.log });

  const queueOf = (workerId: string): LocalQueue => {
    const queue = byWorker.get(workerId);
    if (!queue) throw new Error(`No local queue for worker ${workerId}; there are: ${[...byWorker.keys()].join(', ')}`);
    return queue;
  };
  const queueUrls = Object.fromEntries([...byWorker].map(([id, queue]) => [id, endpoint.queueUrl(queue.name)]));
  const env: Record<string, string> = { [localEnvNames.sqsEndpoint]: endpoint.url };
  for (const worker of options.workers) {
    env[worker.queueUrlEnv] = queueUrls[worker.id];
    // As the CDK stack tells such a worker its queue's maxReceiveCount.
    if (worker.maxAttemptsEnv) env[worker.maxAttemptsEnv] = String(worker.maxReceiveCount);
  }

  const queues = [...byWorker.values()];
  /** A worker may send to another queue while finishing, so all must be drained at one moment. */
  const drained = async (): Promise<void> => {
    while (!queues.every((queue) => queue.isDrained())) {
      await Promise.all(queues.map((queue) => queue.whenDrained()));
    }
  };

  return {
    endpoint: endpoint.url,
    env,
    queueUrls,
    timeScale,
    drained,
    deadLetters: (workerId) => queueOf(workerId).deadLetters(),
    stats: (workerId) => queueOf(workerId).stats(),
    faults: {
      refuseSends: (workerId) => {
        queueOf(workerId).refusingSends = true;
      },
      crashDeliveries: (workerId) => {
        queueOf(workerId).fn.crashing = true;
      },
      clear: () => {
        for (const queue of queues) {
          queue.refusingSends = false;
          queue.fn.crashing = false;
        }
      },
    },
    close: async () => {
      for (const queue of queues) queue.close();
      await endpoint.close();
    },
  };
}
