/**
 * A content report (issue 11, docs/moderation.md): who may file one, about what, and how it is
 * named. A report is stored once per reporter and target: its id is derived from the two, so a
 * repeat lands on the same item and answers the same report. No schemas here (./requests.ts).
 */
import { createHash } from 'node:crypto';

/** The reasons, most severe first: the open queue's order (docs/moderation.md). */
export const reportReasons = [
  'minor_safety',
  'underage_user',
  'sexual',
  'violence',
  'hate',
  'harassment',
  'copyright',
  'other',
] as const;

export type ReportReason = (typeof reportReasons)[number];

/** Reasons that page the stage's alarm topic the moment they are reported. */
export const alarmingReasons: ReadonlySet<ReportReason> = /* @__PURE__ */ new Set(['minor_safety', 'underage_user']);

/** The queue position of a reason: 0 is the most severe. Two digits, so it sorts as text. */
export function severityRank(reason: ReportReason): string {
  return String(reportReasons.indexOf(reason)).padStart(2, '0');
}

export type ReportState = 'OPEN' | 'RESOLVED';

/** What a moderator decided (`owner_deleted`: the owner's account deletion closed it). */
export type ReportResolution = 'dismiss' | 'take_down' | 'suspend_account' | 'delete_account' | 'owner_deleted';

/** What a report is about, resolved to the owner's items (a share resolves to its image). */
export interface ReportSubject {
  ownerId: string;
  generationId: string;
  /** The images the report covers: one for an image or a share, every image of a generation. */
  imageIds: string[];
  /** How the reporter named it. */
  via: 'image' | 'generation' | 'share';
  /** The share link, for a report through a share. */
  linkId?: string;
}

/**
 * Who filed it: a signed-in person, or a signed-out viewer of a share. Signed-out reports carry
 * no identity at all; they are deduplicated per share link and reason (docs/moderation.md).
 */
export type Reporter = { kind: 'user'; userId: string } | { kind: 'anonymous' };

export interface Report {
  reportId: string;
  /** Absent for an anonymous report, and once the reporter's account is deleted. */
  reporterId?: string;
  subject: ReportSubject;
  reason: ReportReason;
  /** The reporter's words; dropped when the reporter's account is deleted. */
  details?: string;
  state: ReportState;
  createdAt: string;
  resolvedAt?: string;
  resolution?: ReportResolution;
}

/** A report as its reporter sees it. */
export interface MyReportView {
  id: string;
  target: { imageId: string } | { generationId: string } | { shareLinkId: string };
  reason: ReportReason;
  state: 'open' | 'resolved';
  createdAt: string;
  resolvedAt: string | null;
}

export function toMyReportView(report: Report): MyReportView {
  const { subject } = report;
  const target =
    subject.via === 'generation'
      ? { generationId: subject.generationId }
      : subject.via === 'share' && subject.linkId
        ? { shareLinkId: subject.linkId }
        : { imageId: subject.imageIds[0] ?? '' };
  return {
    id: report.reportId,
    target,
    reason: report.reason,
    state: report.state === 'OPEN' ? 'open' : 'resolved',
    createdAt: report.createdAt,
    resolvedAt: report.resolvedAt ?? null,
  };
}

/**
 * The report's id: 128 bits of SHA-256 over who reports and what, so the same reporter and
 * target always name the same item (the repeat is idempotent by construction) and the id says
 * nothing about either. A signed-out report's "who" is the share link and the reason.
 */
export function reportIdFor(reporter: Reporter, subject: ReportSubject, reason: ReportReason): string {
  const who = reporter.kind === 'user' ? `user:${reporter.userId}` : `anonymous:${subject.linkId ?? ''}:${reason}`;
  const what =
    subject.via === 'generation'
      ? `generation:${subject.ownerId}:${subject.generationId}`
      : `image:${subject.ownerId}:${subject.imageIds[0] ?? ''}`;
  return createHash('sha256').update(`${who}|${what}`).digest().subarray(0, 16).toString('base64url');
}
