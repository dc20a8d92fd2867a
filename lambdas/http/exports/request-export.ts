/**
 * POST /v1/me/exports: starts building the caller's data export; 202 with its id and status, or
 * 409 `export_running` / 429 `export_cooldown` naming the latest one (docs/export.md).
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { outboxRepository } from '../../adapters/dynamodb/outbox-repository';
import { exportQueue } from '../../adapters/sqs/queues';
import { requestExport, type RequestExportDeps } from '../../domain/export/request-export';
import { systemClock } from '../../domain/shared/clock';
import { exportQueueConfig, tableConfig } from '../../shared/config';
import { logDeferredHandOver } from '../../shared/deferred-hand-over';
import { userRoute } from '../../shared/http/route';
import { timeOrderedId } from '../../shared/ids';
import { exportStore } from './export-deps';

let deps: RequestExportDeps | undefined;

const wired = (): RequestExportDeps =>
  (deps ??= {
    store: exportStore(),
    queue: exportQueue(),
    outbox: outboxRepository(documentClient, tableConfig().TABLE_NAME),
    deferred: logDeferredHandOver,
    now: systemClock,
    newExportId: timeOrderedId,
    cooldownSeconds: exportQueueConfig().EXPORT_COOLDOWN_SECONDS,
  });

export const handler = userRoute({}, async ({ caller }) => ({
  status: 202,
  body: await requestExport(wired(), caller.userId),
}));
