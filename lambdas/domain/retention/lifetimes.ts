/**
 * The lifetime of every data class, in days: the numbers writers take their TTLs from. Kept apart
 * from the data-class table (./data-classes.ts), which describes each class for the docs, the
 * CDK and `GET /v1/me/data`, so a writer's bundle carries these numbers and nothing else.
 */

/** Lifetimes in days, each counted from the moment named in its data class's `lifetime`. */
export const lifetimeDays = {
  idempotencyRecords: 1,
  uploadItems: 1,
  rawUploads: 1,
  actionLog: 90,
  actionCounters: 730,
  /** Declared ahead of issue 15, which builds them. */
  rateLimitCounters: 1,
  /** Declared ahead of issue 15, which builds them. */
  abuseSignals: 90,
  /** Part D's export ZIPs (D keeps its own constant until the merge wires this one). */
  exports: 7,
  storeEventReceipts: 7 * 365,
  supportRequests: 2 * 365,
  revokedShareLinks: 30,
  resolvedReports: 365,
  moderationAudit: 730,
  tombstones: 1,
  deletionReceipts: 3 * 365,
  retainedAccountSummaries: 2 * 365,
  retainedBillingRecords: 7 * 365,
  s3AccessLogs: 90,
} as const;

/** A TTL (epoch seconds): `days` after `from`. The one formula every TTL writer shares. */
export function ttlAfter(from: Date | string, days: number): number {
  const at = typeof from === 'string' ? Date.parse(from) : from.getTime();
  return Math.floor(at / 1000) + days * 86_400;
}
