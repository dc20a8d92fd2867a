/**
 * The export worker (lambdas/domain/export/run-export.ts): builds one data export per message,
 * in steps of at most one invocation each. A failure is retried with backoff from the last
 * checkpoint; after the queue's maxReceiveCount the job lands in the dead-letter queue, whose
 * alarm calls a person, and the export stops blocking a new request after a day.
 */
import { documentClient } from '../adapters/dynamodb/client';
import { exportRepository } from '../adapters/dynamodb/export-repository';
import { exportItemCodec } from '../adapters/dynamodb/items/export';
import { ownedItemReader } from '../adapters/dynamodb/owned-items';
import { exportObjects } from '../adapters/s3/export-objects';
import { exportQueue } from '../adapters/sqs/queues';
import { exportJobSchema as job } from '../domain/export/export-job';
import { exportPartBytes, runExport } from '../domain/export/run-export';
import { systemClock } from '../domain/shared/clock';
import { exportQueueConfig, tableConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { sqsWorker } from '../shared/sqs-worker';

export const handler = sqsWorker(
  { job, queueUrl: () => exportQueueConfig().EXPORT_QUEUE_URL, retryBaseSeconds: 10 },
  async (exportJob, delivery) => {
    const table = tableConfig().TABLE_NAME;
    const outcome = await runExport(
      {
        store: exportRepository(documentClient, table),
        items: ownedItemReader(documentClient, table),
        codec: exportItemCodec,
        objects: exportObjects(),
        queue: exportQueue(),
        now: systemClock,
        partBytes: exportPartBytes,
        // Longer than the function's timeout (lib/workers.ts), shorter than the queue's visibility timeout.
        leaseSeconds: 6 * 60,
        remainingMs: delivery.remainingMs,
        reserveMs: 60_000,
      },
      exportJob,
    );
    logger.info('export step done', { outcome });
  },
);
