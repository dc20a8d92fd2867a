/**
 * The report area's ports: what filing and listing reports need from storage, from the share
 * links (B's part: `ShareTargets`) and from the alarm topic. The DynamoDB, SNS and share
 * adapters implement them; unit tests use in-memory ones (test/unit/reports/). Types only.
 */
import type { AccountSeen, OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/ports';
import type { Page } from '../shared/page';
import type { LiveShare } from '../shares/find-live-share';
import type { Report, ReportReason } from './report';

/** The caller's own content a report can name, each read with the caller's account (one request). */
export interface ReportTargetReads {
  image(userId: string, imageId: string): Promise<OwnedRead<{ imageId: string; generationId: string }>>;
  generation(userId: string, generationId: string): Promise<OwnedRead<{ generationId: string; imageIds: string[] }>>;
  /** An image of another person's, as a live share shows it (the share port already checked the owner). */
  sharedImage(ownerId: string, imageId: string): Promise<{ imageId: string; generationId: string } | undefined>;
}

/** A share token to what it opens: the share links' `liveShares` (lambdas/domain/shares/find-live-share.ts). */
export interface ShareTargets {
  /** Undefined for an unknown, revoked or expired link, a taken-down or deleted image, an owner not ACTIVE. */
  findLiveShare(token: string): Promise<LiveShare | undefined>;
}

export type FileReportOutcome =
  | { outcome: 'created'; report: Report }
  /** The same reporter already reported the same target: that report, unchanged. */
  | { outcome: 'exists'; report: Report }
  /** The owner's account is no longer ACTIVE (being deleted, disabled): there is nothing left to report. */
  | { outcome: 'owner_inactive' }
  | AccountRefusal;

export interface ReportStore {
  /**
   * One transaction: the reporter's account is ACTIVE (signed-in reports), the owner's too
   * when it is someone else's, the report is put unless its id exists, and a marker of it goes
   * into the owner's partition (so the owner's account deletion finds it).
   */
  file(report: Report): Promise<FileReportOutcome>;
}

export interface ReportReadStore {
  /** The caller's reports, newest first (one Query on gsi1, the account read beside it). */
  listByReporter(
    userId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<{ account: AccountSeen } & Page<Report>>;
}

/** What the alarm topic is told: no user id, no details, nothing a subscriber's inbox should hold. */
export interface SafetyAlert {
  reportId: string;
  reason: ReportReason;
  createdAt: string;
}

export interface SafetyAlerts {
  publish(alert: SafetyAlert): Promise<void>;
}
