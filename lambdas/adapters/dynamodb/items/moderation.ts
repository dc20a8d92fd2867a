import { auditEntryTtl, type AuditEntry } from '../../../domain/moderation/audit';
import { severityRank, type Report } from '../../../domain/reports/report';
import * as keys from '../keys';
import type { Item } from './bookkeeping';

/* ---------------------------------------------------------------------------------------------
 * Part C (issue 11): reports, report markers, audit entries (docs/data-model.md, rows 28–34).
 * ------------------------------------------------------------------------------------------- */

const reportType = 'REPORT';
const reportMarkerType = 'REPORT_MARKER';
const auditEntryType = 'AUDIT_ENTRY';

/** The moderation kinds, for reads that tell them apart (deletion finds markers by it). */
export const moderationEntityTypes = { report: reportType, reportMarker: reportMarkerType, auditEntry: auditEntryType };

export const report = {
  /** A new report: in the reporter's gsi1 group when signed in, in the open queue while OPEN. */
  to: (report: Report): Item => ({
    ...keys.report(report.reportId),
    ...(report.reporterId ? keys.reportFiledBy(report.reporterId, report.createdAt, report.reportId) : {}),
    ...(report.state === 'OPEN'
      ? keys.openQueueEntry(severityRank(report.reason), report.createdAt, report.reportId)
      : {}),
    entityType: reportType,
    ...report,
  }),
  /** Picks the record's fields, so keys, queue keys and the TTL never leak upward. */
  from: (item: Item): Report => {
    const { reportId, reporterId, subject, reason, details, state, createdAt, resolvedAt, resolution } =
      item as unknown as Report;
    return Object.fromEntries(
      Object.entries({
        reportId,
        reporterId,
        subject,
        reason,
        details,
        state,
        createdAt,
        resolvedAt,
        resolution,
      }).filter(([, value]) => value !== undefined),
    ) as unknown as Report;
  },
};

export const reportMarker = {
  to: (ownerId: string, reportId: string): Item => ({
    ...keys.reportMarker(ownerId, reportId),
    entityType: reportMarkerType,
    reportId,
  }),
};

export const auditEntry = {
  to: (entry: AuditEntry): Item => ({
    ...keys.auditEntry(entry.at, entry.entryId),
    entityType: auditEntryType,
    ...entry,
    ttl: auditEntryTtl(entry.at),
  }),
  from: (item: Item): AuditEntry => {
    const { entryId, at, moderatorId, action, reportId, reason, target } = item as unknown as AuditEntry;
    return { entryId, at, moderatorId, action, reportId, reason, target };
  },
};
