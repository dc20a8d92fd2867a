/** POST /v1/reports and POST /s/{token}/report: a report, stored once per reporter and target. */
import { NotFoundError } from '../../shared/errors';
import { readableItem, refuseInactive } from '../profile/account-status';
import { asActiveAccount, type EnsureProfileDeps } from '../profile/ensure-profile';
import type { Clock } from '../shared/clock';
import type { ReportStore, ReportTargetReads, SafetyAlerts, ShareTargets } from './ports';
import {
  alarmingReasons,
  reportIdFor,
  toMyReportView,
  type MyReportView,
  type Report,
  type Reporter,
  type ReportSubject,
} from './report';
import type { FileReportRequest, ShareReportRequest } from './requests';

export interface FileReportDeps {
  /** A signed-in reporter's first write creates their profile, as every first write does. */
  profiles: EnsureProfileDeps;
  targets: ReportTargetReads;
  shares: ShareTargets;
  reports: ReportStore;
  alerts: SafetyAlerts;
  now: Clock;
}

/** 201 for a new report, 200 for a repeat: the same report either way. */
export interface FiledReport {
  created: boolean;
  report: MyReportView;
}

/**
 * POST /v1/reports. Primary course:
 *  1. resolve the target: the caller's own image or generation (read with the caller's
 *     account: refused unless ACTIVE, 404 when it is not the caller's), or a share they opened
 *     (`ShareTargets`: 404 unless the link is live);
 *  2. file the report under an id derived from the caller and the target (a repeat finds the
 *     first one and changes nothing);
 *  3. a new `minor_safety` or `underage_user` report pages the alarm topic.
 */
export async function fileReport(
  deps: FileReportDeps,
  userId: string,
  request: FileReportRequest,
): Promise<FiledReport> {
  const subject = await subjectOf(deps, userId, request.target);
  return file(deps, { kind: 'user', userId }, subject, request);
}

/**
 * POST /s/{token}/report, a signed-out viewer of a share. Primary course: 1. the link must be
 * live (404 otherwise, revealing nothing); 2. file an anonymous report, one per link and reason
 * (a second viewer reporting the same link for the same reason is the same report); 3. as above.
 */
export async function fileShareReport(
  deps: FileReportDeps,
  token: string,
  request: ShareReportRequest,
): Promise<FiledReport> {
  const subject = await sharedSubject(deps, token);
  return file(deps, { kind: 'anonymous' }, subject, request);
}

async function file(
  deps: FileReportDeps,
  reporter: Reporter,
  subject: ReportSubject,
  request: ShareReportRequest,
): Promise<FiledReport> {
  const report: Report = {
    reportId: reportIdFor(reporter, subject, request.reason),
    ...(reporter.kind === 'user' ? { reporterId: reporter.userId } : {}),
    subject,
    reason: request.reason,
    ...(request.details === undefined ? {} : { details: request.details }),
    state: 'OPEN',
    createdAt: deps.now().toISOString(),
  };
  // Someone who opened a share may report it before their app ever read their profile.
  const outcome =
    reporter.kind === 'user'
      ? await asActiveAccount(deps.profiles, reporter.userId, () => deps.reports.file(report))
      : await deps.reports.file(report);
  refuseInactive(outcome);
  // Without a profile or with the owner's account gone, there is nothing of theirs to report.
  if (!('report' in outcome)) throw notFound();
  if (outcome.outcome === 'created' && alarmingReasons.has(report.reason)) {
    await deps.alerts.publish({ reportId: report.reportId, reason: report.reason, createdAt: report.createdAt });
  }
  return { created: outcome.outcome === 'created', report: toMyReportView(outcome.report) };
}

async function subjectOf(
  deps: FileReportDeps,
  userId: string,
  target: FileReportRequest['target'],
): Promise<ReportSubject> {
  if ('shareToken' in target) return sharedSubject(deps, target.shareToken);
  if ('imageId' in target) {
    const image = readableItem(await deps.targets.image(userId, target.imageId));
    if (!image) throw notFound();
    return { ownerId: userId, generationId: image.generationId, imageIds: [image.imageId], via: 'image' };
  }
  const generation = readableItem(await deps.targets.generation(userId, target.generationId));
  if (!generation) throw notFound();
  return { ownerId: userId, generationId: generation.generationId, imageIds: generation.imageIds, via: 'generation' };
}

async function sharedSubject(deps: FileReportDeps, token: string): Promise<ReportSubject> {
  const share = await deps.shares.findLiveShare(token);
  const image = share && (await deps.targets.sharedImage(share.ownerId, share.imageId));
  if (!share || !image) throw notFound();
  return {
    ownerId: share.ownerId,
    generationId: image.generationId,
    imageIds: [image.imageId],
    via: 'share',
    linkId: share.linkId,
  };
}

/** One message for every target: which of them does not exist is not the caller's to learn. */
const notFound = () => new NotFoundError('No such report target.');
