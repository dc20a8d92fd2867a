import { type Gsi1Key, type ItemKey, userPartition } from './base';

/* ---------------------------------------------------------------------------------------------
 * Part C (issue 11): reports, the moderation queue and the audit log (docs/data-model.md, rows
 * 28–34). A report lives in its own partition, so a moderator reads it by id alone; its
 * reporter finds it through gsi1, its owner's account deletion through a marker in the
 * owner's partition; the open ones sit in the sparse `moderationQueue` index.
 * ------------------------------------------------------------------------------------------- */

/** One report, by id (the id is derived from reporter and target: reports/report.ts). */
export const report = (reportId: string): ItemKey => ({ pk: `REPORT#${reportId}`, sk: 'REPORT' });

const reportsFiledByPk = (userId: string): string => `${userPartition(userId)}#REPORTS`;

/** Where a signed-in reporter's report sits in gsi1: their group, newest last by time. */
export const reportFiledBy = (userId: string, createdAt: string, reportId: string): Gsi1Key => ({
  gsi1pk: reportsFiledByPk(userId),
  gsi1sk: `REPORT#${createdAt}#${reportId}`,
});

/** The gsi1 group of every report a person filed (GET /v1/reports, and their account deletion). */
export const reportsFiledBy = (userId: string) => ({ gsi1pk: reportsFiledByPk(userId), sortPrefix: 'REPORT#' });

/** Sort-key prefix of the report markers in an owner's partition. */
export const reportMarkerPrefix = 'REPORTED#';

/**
 * A marker in the reported owner's partition: their account deletion finds each report about
 * their content through it (and closes the report) before the purge deletes the marker.
 */
export const reportMarker = (ownerId: string, reportId: string): ItemKey => ({
  pk: userPartition(ownerId),
  sk: `${reportMarkerPrefix}${reportId}`,
});

/** The sparse queue index's keys on an open report: most severe reason first, then oldest. */
export interface ModerationQueueKey {
  queuePk: string;
  queueSk: string;
}

/** The open queue's one partition; moderation volume is far below one partition's limits. */
export const openQueue = { queuePk: 'QUEUE#OPEN', sortPrefix: '' } as const;

export const openQueueEntry = (severityRank: string, createdAt: string, reportId: string): ModerationQueueKey => ({
  queuePk: openQueue.queuePk,
  queueSk: `${severityRank}#${createdAt}#${reportId}`,
});

/** The audit log: one partition, entries by time (moderator actions are few). */
export const auditLog = { pk: 'AUDIT', sortPrefix: 'ENTRY#' } as const;

export const auditEntry = (at: string, entryId: string): ItemKey => ({
  pk: auditLog.pk,
  sk: `${auditLog.sortPrefix}${at}#${entryId}`,
});
