/** GET /v1/me/exports/{exportId}: status and progress, and once ready a download link minted per read. */
import { NotFoundError } from '../../shared/errors';
import { readableItem } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import { type ExportView, toExportView } from './export-view';
import type { ExportLinks, ExportStore } from './ports';

export interface GetMyExportDeps {
  store: ExportStore;
  links: ExportLinks;
  now: Clock;
}

/** SECURITY: a download link lives at most 15 minutes; a new read mints a new one. */
export const downloadLinkSeconds = 15 * 60;

/**
 * Primary course: 1. read the caller's export (one GetItem under their own partition, so another
 * person's id is simply not found: 404); 2. if ready and not expired, mint a presigned GET for
 * at most 15 minutes, never past the archive's own expiry. An expired archive answers `expired`
 * with no link (the lifecycle rule has removed, or is about to remove, the bytes).
 */
export async function getMyExport(deps: GetMyExportDeps, userId: string, exportId: string): Promise<ExportView> {
  const record = readableItem(await deps.store.get(userId, exportId));
  if (!record) throw new NotFoundError('No such export.');
  const view = toExportView(record);
  if (record.status !== 'ready' || !record.objectKey || !record.expiresAt) return view;
  const now = deps.now().getTime();
  const left = Math.floor((Date.parse(record.expiresAt) - now) / 1000);
  if (left <= 0) return { ...view, status: 'expired' };
  const seconds = Math.min(downloadLinkSeconds, left);
  const fileName = `pictor-export-${record.requestedAt.slice(0, 10)}.zip`;
  return {
    ...view,
    downloadUrl: await deps.links.downloadUrl(record.objectKey, fileName, seconds),
    downloadExpiresAt: new Date(now + seconds * 1000).toISOString(),
  };
}
