/** GET /v1/reports?limit=&cursor=: the caller's reports and their state, newest first, one Query per page. */
import { listMyReports } from '../../domain/reports/list-my-reports';
import { pageQuerySchema } from '../../shared/http/page-query';
import { userRoute } from '../../shared/http/route';
import { listReportsDeps } from './report-deps';

export const handler = userRoute({ query: pageQuerySchema }, async ({ caller, query }) => ({
  body: await listMyReports(listReportsDeps(), caller.userId, query),
}));
