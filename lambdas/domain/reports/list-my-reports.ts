/** GET /v1/reports: the caller's own reports and their state, newest first. */
import { mayReadOwnData } from '../profile/account-status';
import type { ReportReadStore } from './ports';
import { toMyReportView, type MyReportView } from './report';

export interface ListMyReportsDeps {
  reports: ReportReadStore;
}

/**
 * GET /v1/reports. Primary course: 1. one Query of the caller's reports (gsi1), the account's
 * status read beside it (refused unless ACTIVE); 2. answer the page with its cursor.
 */
export async function listMyReports(
  deps: ListMyReportsDeps,
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<{ reports: MyReportView[]; nextCursor: string | null }> {
  const { account, items, nextCursor } = await deps.reports.listByReporter(userId, page.limit, page.cursor);
  if (!mayReadOwnData(account)) return { reports: [], nextCursor: null };
  return { reports: items.map(toMyReportView), nextCursor: nextCursor ?? null };
}
