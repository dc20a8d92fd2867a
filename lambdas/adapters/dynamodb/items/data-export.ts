/* ---- Data exports (issue 14; docs/data-model.md, docs/export.md) ---- */
import { type DataExport, noProgress } from '../../../domain/export/data-export';
import { lifetimeDays, ttlAfter } from '../../../domain/retention/lifetimes';
import * as keys from '../keys';
import type { Item } from './bookkeeping';

const dataExportType = 'DATA_EXPORT';
const latestExportType = 'LATEST_EXPORT';

export const exportEntityTypes = { dataExport: dataExportType, latestExport: latestExportType } as const;

/**
 * The item lives as long as its archive can: the lifetime counted from the request, plus the
 * day an export may take; once ready it is counted again from `readyAt` (`readyTtl`).
 */
const queuedTtl = (requestedAt: string): number => ttlAfter(requestedAt, lifetimeDays.exports + 1);

export const dataExport = {
  to: (record: DataExport): Item => ({
    ...keys.dataExport(record.userId, record.exportId),
    entityType: dataExportType,
    ...record,
    ttl: queuedTtl(record.requestedAt),
  }),
  from: (item: Item): DataExport => {
    const { exportId, userId, status, requestedAt, progress, objectKey, sizeBytes, readyAt, expiresAt, failure } =
      item as unknown as DataExport;
    return {
      exportId,
      userId,
      status,
      requestedAt,
      progress: progress ?? noProgress,
      ...(objectKey !== undefined ? { objectKey } : {}),
      ...(sizeBytes !== undefined ? { sizeBytes } : {}),
      ...(readyAt !== undefined ? { readyAt } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(failure !== undefined ? { failure } : {}),
    };
  },
  readyTtl: (readyAt: string): number => ttlAfter(readyAt, lifetimeDays.exports),
};

/** The person's latest export: the one item a new request is checked against. */
export const latestExport = {
  to: (record: DataExport): Item => ({
    ...keys.latestExport(record.userId),
    entityType: latestExportType,
    exportId: record.exportId,
    status: record.status,
    requestedAt: record.requestedAt,
    ttl: queuedTtl(record.requestedAt),
  }),
};
