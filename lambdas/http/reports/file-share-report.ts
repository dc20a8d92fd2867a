/**
 * POST /s/{token}/report: a signed-out viewer of a share reports it. Public (the token is its
 * authentication); 202 with no body either way, new or repeated, so the answer says nothing
 * about the report store. A link that is not live is 404, as on the share's other routes. The
 * token is never logged (the access log has the route key, not the path).
 */
import { fileShareReport } from '../../domain/reports/file-report';
import { shareReportSchema } from '../../domain/reports/requests';
import { publicRoute } from '../../shared/http/route';
import { fileReportDeps } from './report-deps';

export const handler = publicRoute(
  async ({ params, body }) => {
    await fileShareReport(fileReportDeps(), params.token, body);
    return { status: 202 };
  },
  { params: { token: 'share' }, body: shareReportSchema, maxBodyBytes: 4 * 1024 },
);
