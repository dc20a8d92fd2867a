/**
 * The moderation audit log: one append-only entry per moderator action (who, when, what,
 * which report and its reason, which images), never an image, a prompt or the reporter's words
 * (docs/moderation.md, docs/retention.md).
 */
import type { ReportReason, ReportSubject } from '../reports/report';
import type { ModerationAction } from '../reports/requests';
import { lifetimeDays } from '../retention/lifetimes';

export interface AuditEntry {
  entryId: string;
  at: string;
  /** The moderator's user id (staff accountability: kept for the log's lifetime). */
  moderatorId: string;
  action: ModerationAction;
  reportId: string;
  reason: ReportReason;
  /** What the action touched: ids only, and no owner id (the report names the owner while it exists). */
  target: Pick<ReportSubject, 'via' | 'generationId' | 'imageIds'>;
}

/** How long audit entries are kept (docs/retention.md). */
export const auditRetentionDays = lifetimeDays.moderationAudit;

/** How long a resolved report is kept after its resolution (docs/retention.md). */
export const resolvedReportRetentionDays = lifetimeDays.resolvedReports;

export type AuditEntryView = Omit<AuditEntry, 'entryId'> & { id: string };

export function toAuditEntryView({ entryId, ...entry }: AuditEntry): AuditEntryView {
  return { id: entryId, ...entry };
}

/** An entry's TTL (epoch seconds): its time plus the log's lifetime. */
export const auditEntryTtl = (at: string): number => Math.floor(Date.parse(at) / 1000) + auditRetentionDays * 86_400;
