/** POST /v1/moderation/reports/{id}/resolution: a moderator's decision, written with its audit entry. */
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors';
import type { Clock } from '../shared/clock';
import type { CleanupQueue } from '../storage/ports';
import type { Report } from '../reports/report';
import type { ModerationAction } from '../reports/requests';
import { resolvedReportRetentionDays, type AuditEntry } from './audit';
import { assertModeratorActive, assertNotOwnContent } from './moderator';
import type { AccountDeletionStarter, ModerationStore, ResolutionEffects, SignInSuspension } from './ports';

export interface ResolveReportDeps {
  moderation: ModerationStore;
  cleanup: CleanupQueue;
  signIn: SignInSuspension;
  startAccountDeletion: AccountDeletionStarter;
  newId: () => string;
  now: Clock;
}

export interface ResolutionView {
  id: string;
  state: 'resolved';
  resolution: ModerationAction;
  resolvedAt: string;
  auditEntryId: string;
}

/**
 * POST /v1/moderation/reports/{id}/resolution. Primary course:
 *  1. read the report with the moderator's account (404 when there is none; 403 `own_content`
 *     when it is about the moderator's own content; 409 `report_resolved` once resolved);
 *  2. do what must outlast the request before anything says it was done:
 *     - take_down: queue the removal of the images' objects on the cleanup queue (retried with
 *       backoff, DLQ + alarm: the object goes even when the first attempt fails);
 *     - suspend_account: disable the owner's sign-in and sign them out (idempotent);
 *     - delete_account (underage_user reports only): start the account-deletion workflow the
 *       way DELETE /v1/me does (marked DELETING, through the outbox);
 *  3. one transaction: the report OPEN → RESOLVED (it leaves the queue), the audit entry, and
 *     for take_down `takenDownAt`/`takedownReason` on the image items, for suspend_account the
 *     owner's profile DISABLED. A retry after a failure in 3 repeats 2, which is harmless.
 */
export async function resolveReport(
  deps: ResolveReportDeps,
  moderatorId: string,
  reportId: string,
  action: ModerationAction,
): Promise<ResolutionView> {
  const read = await deps.moderation.get(moderatorId, reportId);
  assertModeratorActive(read.account);
  const report = read.item;
  if (!report) throw new NotFoundError('No such report.');
  assertNotOwnContent(moderatorId, report);
  if (report.state !== 'OPEN') throw alreadyResolved();

  const effects = await carryOut(deps, report, action);
  const now = deps.now();
  const entry: AuditEntry = {
    entryId: deps.newId(),
    at: now.toISOString(),
    moderatorId,
    action,
    reportId,
    reason: report.reason,
    target: {
      via: report.subject.via,
      generationId: report.subject.generationId,
      imageIds: report.subject.imageIds,
    },
  };
  const retainUntil = Math.floor(now.getTime() / 1000) + resolvedReportRetentionDays * 86_400;
  const outcome = await deps.moderation.resolve(report, entry, effects, retainUntil);
  if (outcome === 'already_resolved') throw alreadyResolved();
  if (outcome === 'content_changed') {
    throw new ConflictError('content_changed', 'The reported content changed while resolving; read the report again.');
  }
  return { id: reportId, state: 'resolved', resolution: action, resolvedAt: entry.at, auditEntryId: entry.entryId };
}

async function carryOut(deps: ResolveReportDeps, report: Report, action: ModerationAction): Promise<ResolutionEffects> {
  const { ownerId } = report.subject;
  switch (action) {
    case 'dismiss':
      return {};
    case 'take_down': {
      const content = await deps.moderation.content(report);
      const images = (content?.images ?? []).filter((image) => !image.takenDownAt);
      if (images.length > 0) await deps.cleanup.enqueue({ keys: images.map((image) => image.objectKey) });
      return { takeDown: { imageIds: images.map((image) => image.imageId), reason: report.reason } };
    }
    case 'suspend_account':
      await deps.signIn.disableAndSignOut(ownerId);
      return { suspendOwner: true };
    case 'delete_account':
      if (report.reason !== 'underage_user') {
        throw new UnprocessableError(
          'action_not_allowed',
          'delete_account resolves underage_user reports only; suspend the account instead.',
        );
      }
      await deps.startAccountDeletion(ownerId);
      return {};
  }
}

const alreadyResolved = () => new ConflictError('report_resolved', 'This report is already resolved.');
