/** POST /v1/me/exports: one running export per person, and a cooldown between them (docs/export.md). */
import { ConflictError, RateLimitedError } from '../../shared/errors';
import { refuseInactive } from '../profile/account-status';
import { handOver } from '../outbox/hand-over';
import type { DeferredHandOver, OutboxStore } from '../outbox/ports';
import type { Clock } from '../shared/clock';
import { type DataExport, noProgress } from './data-export';
import { type ExportView, toExportView } from './export-view';
import type { ExportQueue, ExportStore } from './ports';

export interface RequestExportDeps {
  store: ExportStore;
  queue: ExportQueue;
  outbox: OutboxStore;
  deferred: DeferredHandOver;
  now: Clock;
  newExportId: () => string;
  /** From the stage config (`exports.cooldownHours`): how long after one export the next may start. */
  cooldownSeconds: number;
}

/**
 * An export still unsettled this long after it was asked for has died for good (its job's
 * deliveries used up and alarmed on): it no longer blocks a new one. Far beyond any real export's
 * run (10,000 items and 2 GB take minutes).
 */
export const staleExportSeconds = 24 * 60 * 60;

/**
 * Primary course: 1. write the export (queued) as the person's latest, only if no other runs and
 * the cooldown since the last one is over; 2. hand its job to the export queue (through the
 * outbox: a failed send is retried by the sweeper, not the person); 3. answer 202 with its view.
 * Alternatives: one runs → 409 `export_running`; the cooldown is not over → 429
 * `export_cooldown` with Retry-After. Both name the latest export, so the client can poll it.
 */
export async function requestExport(deps: RequestExportDeps, userId: string): Promise<ExportView> {
  const now = deps.now();
  const record: DataExport = {
    exportId: deps.newExportId(),
    userId,
    status: 'queued',
    requestedAt: now.toISOString(),
    progress: noProgress,
  };
  const created = await deps.store.create(record, {
    cooldownStart: new Date(now.getTime() - deps.cooldownSeconds * 1000).toISOString(),
    staleBefore: new Date(now.getTime() - staleExportSeconds * 1000).toISOString(),
  });
  if (created !== 'created' && 'outcome' in created) {
    refuseInactive(created);
    throw new ConflictError('nothing_to_export', 'This account holds nothing yet: GET /v1/me creates it.');
  }
  if (created !== 'created') {
    const { latest } = created;
    if (created.refused === 'export_running') {
      throw new ConflictError('export_running', `Export ${latest.exportId} is still being built; poll it instead.`);
    }
    const nextAt = Date.parse(latest.requestedAt) + deps.cooldownSeconds * 1000;
    throw new RateLimitedError(
      'export_cooldown',
      `An export was made at ${latest.requestedAt}; the next one can start after the cooldown.`,
      Math.max(1, Math.ceil((nextAt - now.getTime()) / 1000)),
    );
  }
  const job = { userId, exportId: record.exportId };
  await handOver({ kind: 'export', ...job }, () => deps.queue.enqueue(job), deps);
  return toExportView(record);
}
