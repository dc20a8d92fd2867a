/**
 * The moderation area's ports: the open queue, one report with what a moderator needs, the
 * resolution with its audit entry, and the audit log. The DynamoDB adapter implements them;
 * unit tests use in-memory ones. Types only.
 */
import type { OwnedRead, AccountSeen } from '../profile/account-status';
import type { ReportedContent } from './report-for-moderation';
import type { Report } from '../reports/report';
import type { Page } from '../shared/page';
import type { AuditEntry } from './audit';

export interface ModerationReadStore {
  /** The open queue, most severe reason first, then oldest: one Query on the sparse queue index. */
  listOpen(
    moderatorId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<{ account: AccountSeen } & Page<Report>>;
  /** The report, read with the moderator's own account (one BatchGetItem). */
  get(moderatorId: string, reportId: string): Promise<OwnedRead<Report>>;
  /** The reported generation and images, as they are now (one BatchGetItem); undefined once they are gone. */
  content(report: Report): Promise<ReportedContent | undefined>;
  /** The audit log, newest first (one Query). */
  listAudit(
    moderatorId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<{ account: AccountSeen } & Page<AuditEntry>>;
}

/** What a resolution writes beside the report and its audit entry, all in one transaction. */
export interface ResolutionEffects {
  /** take_down: these images get `takenDownAt` and `takedownReason`. */
  takeDown?: { imageIds: string[]; reason: string };
  /** suspend_account: the owner's profile becomes DISABLED. */
  suspendOwner?: boolean;
}

export type ResolveOutcome = 'resolved' | 'already_resolved' | 'content_changed';

export interface ModerationStore extends ModerationReadStore {
  /**
   * One transaction: the report is still OPEN and becomes RESOLVED (leaving the queue index),
   * the audit entry is put, and the effects are written. `already_resolved` when another
   * resolution came first; `content_changed` when an image to take down or the owner's profile
   * is gone (nothing is written).
   */
  resolve(report: Report, entry: AuditEntry, effects: ResolutionEffects, retainUntil: number): Promise<ResolveOutcome>;
}

/** The sign-in side of a suspension (the Cognito adapter account deletion uses). */
export interface SignInSuspension {
  disableAndSignOut(userId: string): Promise<'done' | 'absent'>;
}

/** Starts the existing account-deletion workflow for an account (DELETE /v1/me's use case). */
export type AccountDeletionStarter = (userId: string) => Promise<void>;
