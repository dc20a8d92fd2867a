/** What GET /v1/me/exports/{exportId} and POST /v1/me/exports answer. */
import type { DataExport, ExportProgress, ExportViewStatus } from './data-export';

export interface ExportView {
  exportId: string;
  status: ExportViewStatus;
  requestedAt: string;
  progress: ExportProgress;
  /** Ready only: a presigned GET minted for this read, good for `downloadExpiresAt`. */
  downloadUrl?: string;
  downloadExpiresAt?: string;
  sizeBytes?: number;
  /** Ready only: when the archive itself is removed (the retention table's days). */
  expiresAt?: string;
}

export function toExportView(record: DataExport): ExportView {
  return {
    exportId: record.exportId,
    status: record.status,
    requestedAt: record.requestedAt,
    progress: record.progress,
    ...(record.sizeBytes !== undefined ? { sizeBytes: record.sizeBytes } : {}),
    ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
  };
}
