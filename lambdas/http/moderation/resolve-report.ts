/**
 * POST /v1/moderation/reports/{reportId}/resolution `{"action": "dismiss" | "take_down" |
 * "suspend_account" | "delete_account"}`: resolves an open report, with its audit entry.
 */
import { moderatorGroup } from '../../domain/moderation/moderator';
import { resolveReport } from '../../domain/moderation/resolve-report';
import { resolveReportSchema } from '../../domain/reports/requests';
import { userRoute } from '../../shared/http/route';
import { resolveReportDeps } from './moderation-deps';

export const handler = userRoute(
  { group: moderatorGroup, params: { reportId: 'report' }, body: resolveReportSchema },
  async ({ caller, params, body }) => ({
    body: await resolveReport(resolveReportDeps(), caller.userId, params.reportId, body.action),
  }),
);
