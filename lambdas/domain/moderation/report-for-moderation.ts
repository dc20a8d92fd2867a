/**
 * GET /v1/moderation/reports and GET /v1/moderation/reports/{id}: a report as a moderator sees
 * it. What they need to decide (the image through a short-lived URL, the prompt, the model, the
 * dates, the reporter's words), never who reported it.
 */
import { NotFoundError } from '../../shared/errors';
import type { ReportReason, Report, ReportResolution } from '../reports/report';
import type { ImageLinks } from '../storage/ports';
import { assertModeratorActive } from './moderator';
import type { ModerationReadStore } from './ports';

/** The reported generation and its images as they are in the owner's partition now. */
export interface ReportedContent {
  generation?: { prompt: string; negativePrompt?: string; modelId: string; createdAt: string };
  images: Array<{ imageId: string; objectKey: string; createdAt: string; takenDownAt?: string }>;
}

/** A queue entry: enough to pick the next report, no content. */
export interface QueuedReportView {
  id: string;
  reason: ReportReason;
  via: Report['subject']['via'];
  createdAt: string;
}

export interface ModerationReportView extends QueuedReportView {
  state: 'open' | 'resolved';
  resolution: ReportResolution | null;
  resolvedAt: string | null;
  details: string | null;
  /** Signed-out viewers of a share report anonymously; signed-in reporters are never named. */
  anonymous: boolean;
  ownerId: string | null;
  generation: { id: string; prompt: string; negativePrompt: string | null; model: string; createdAt: string } | null;
  images: Array<{
    id: string;
    url: string | null;
    expiresAt: string | null;
    createdAt: string;
    takenDownAt: string | null;
  }>;
}

export interface ModerationReadDeps {
  moderation: ModerationReadStore;
  objects: ImageLinks;
}

const toQueued = (report: Report): QueuedReportView => ({
  id: report.reportId,
  reason: report.reason,
  via: report.subject.via,
  createdAt: report.createdAt,
});

/**
 * GET /v1/moderation/reports. Primary course: one Query on the queue index (most severe reason
 * first, oldest first within it), the moderator's account read beside it.
 */
export async function listOpenReports(
  deps: Pick<ModerationReadDeps, 'moderation'>,
  moderatorId: string,
  page: { limit: number; cursor?: string },
): Promise<{ reports: QueuedReportView[]; nextCursor: string | null }> {
  const { account, items, nextCursor } = await deps.moderation.listOpen(moderatorId, page.limit, page.cursor);
  assertModeratorActive(account);
  return { reports: items.map(toQueued), nextCursor: nextCursor ?? null };
}

/**
 * GET /v1/moderation/reports/{id}. Primary course: 1. the report with the moderator's account
 * (one request; 404 when there is none); 2. its generation and images from the owner's
 * partition (one request); 3. a presigned GET (≤ 15 min, minted now) for each image that is
 * not taken down. Reading is allowed on a report about the moderator's own content (they can
 * see it is theirs and leave it to a colleague); acting is not.
 */
export async function getReportForModeration(
  deps: ModerationReadDeps,
  moderatorId: string,
  reportId: string,
): Promise<ModerationReportView> {
  const read = await deps.moderation.get(moderatorId, reportId);
  assertModeratorActive(read.account);
  const report = read.item;
  if (!report) throw new NotFoundError('No such report.');
  const content = await deps.moderation.content(report);
  const images = await Promise.all(
    (content?.images ?? []).map(async (image) => {
      const link = image.takenDownAt ? undefined : await deps.objects.presignGet(image.objectKey);
      return {
        id: image.imageId,
        url: link?.url ?? null,
        expiresAt: link?.expiresAt ?? null,
        createdAt: image.createdAt,
        takenDownAt: image.takenDownAt ?? null,
      };
    }),
  );
  const generation = content?.generation;
  return {
    ...toQueued(report),
    state: report.state === 'OPEN' ? 'open' : 'resolved',
    resolution: report.resolution ?? null,
    resolvedAt: report.resolvedAt ?? null,
    details: report.details ?? null,
    anonymous: report.subject.via === 'share' && report.reporterId === undefined,
    ownerId: report.subject.ownerId || null,
    generation: generation
      ? {
          id: report.subject.generationId,
          prompt: generation.prompt,
          negativePrompt: generation.negativePrompt ?? null,
          model: generation.modelId,
          createdAt: generation.createdAt,
        }
      : null,
    images,
  };
}
