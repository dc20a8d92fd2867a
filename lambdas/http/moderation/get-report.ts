/** GET /v1/moderation/reports/{reportId}: one report with its content (short-lived image URLs), never its reporter. */
import { moderatorGroup } from '../../domain/moderation/moderator';
import { getReportForModeration } from '../../domain/moderation/report-for-moderation';
import { userRoute } from '../../shared/http/route';
import { moderationReportDeps } from './moderation-deps';

export const handler = userRoute(
  { group: moderatorGroup, params: { reportId: 'report' } },
  async ({ caller, params }) => ({
    body: await getReportForModeration(moderationReportDeps(), caller.userId, params.reportId),
  }),
);
