/**
 * Every queue-fed worker, declared once, like the routes. The CDK app builds each queue, its
 * dead-letter queue, the alarm on it and the worker function from this table; the local stack
 * runs the same handlers in-process on a local SQS endpoint built from the same table.
 */
import { envNames } from '../lambdas/shared/config';
import type { Capability, TableAccess } from './routes';

export interface WorkerDefinition {
  /** PascalCase id, used for construct ids, function names and queue names. */
  readonly id: string;
  /**
   * Handler module, relative to the repository root; it exports `handler` (an SQS handler answering partial batch
   * failures).
   */
  readonly entry: string;
  /** The env variable through which senders find this worker's queue URL. */
  readonly queueUrlEnv:
    | typeof envNames.generationQueueUrl
    | typeof envNames.cleanupQueueUrl
    | typeof envNames.exportQueueUrl;
  /** The capability a sender needs (lib/routes/), so grants and env are derived from it. */
  readonly sendCapability: Capability;
  readonly table: TableAccess;
  readonly uses: readonly Capability[];
  /** The function's timeout; the queue's visibility timeout is six times this (AWS's advice for SQS sources). */
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly batchSize: number;
  /** Deliveries before a message moves to the dead-letter queue (and the alarm fires). */
  readonly maxReceiveCount: number;
  /**
   * The env variable through which the handler learns `maxReceiveCount`, for a worker that acts
   * differently on a job's last delivery (the generation worker fails and refunds it instead of retrying).
   * @default - the handler is not told
   */
  readonly maxAttemptsEnv?: typeof envNames.generationMaxAttempts;
}

export const workers: readonly WorkerDefinition[] = [
  {
    id: 'GenerationWorker',
    entry: 'lambdas/workers/generation-worker.ts',
    queueUrlEnv: envNames.generationQueueUrl,
    sendCapability: 'enqueueGeneration',
    table: 'readWrite',
    // sendTelegramMessages: a generation asked for in the bot is answered in its chat.
    uses: ['invokeImageModels', 'storeImages', 'sendTelegramMessages'],
    // Image models can take a minute; InvokeModel is retried inside the call too.
    timeoutSeconds: 120,
    // It waits on the model, and Lambda bills the wait by memory. Measured (npm run bench, docs/bench.md):
    // peak RSS 221 MB sending the largest reference to Bedrock, 268 MB painting it locally (a stage
    // with images.provider local). 512 MB keeps ~2x headroom over both; 1024 MB was 57% of the
    // infrastructure cost per generation.
    memorySizeMb: 512,
    // One job per invocation: a slow model call never holds other jobs back.
    batchSize: 1,
    maxReceiveCount: 3,
    maxAttemptsEnv: envNames.generationMaxAttempts,
  },
  {
    id: 'CleanupWorker',
    entry: 'lambdas/workers/cleanup-worker.ts',
    queueUrlEnv: envNames.cleanupQueueUrl,
    sendCapability: 'enqueueCleanup',
    table: 'none',
    uses: ['deleteImages'],
    timeoutSeconds: 60,
    memorySizeMb: 512,
    batchSize: 10,
    // Deleting is idempotent, so it can afford many tries before a person must look.
    maxReceiveCount: 8,
  },
  {
    id: 'ExportWorker',
    entry: 'lambdas/workers/export-worker.ts',
    queueUrlEnv: envNames.exportQueueUrl,
    sendCapability: 'enqueueExport',
    table: 'readWrite',
    // enqueueExport: an export too big for one invocation puts its own next step on the queue.
    uses: ['buildExports', 'enqueueExport'],
    // Each step stops a minute before this and hands on from its checkpoint (docs/export.md).
    timeoutSeconds: 300,
    // One 8 MiB part plus one object in memory; measured by npm run bench:export (docs/export.md).
    memorySizeMb: 512,
    batchSize: 1,
    maxReceiveCount: 5,
  },
];
