/** POST /v1/reports: 201 with the new report, 200 with the same one when it was already filed. */
import { fileReport } from '../../domain/reports/file-report';
import { fileReportSchema, type FileReportRequest } from '../../domain/reports/requests';
import { userRoute } from '../../shared/http/route';
import { fileReportDeps } from './report-deps';

export const handler = userRoute({ body: fileReportSchema, maxBodyBytes: 8 * 1024 }, async ({ caller, body }) => {
  const { created, report } = await fileReport(fileReportDeps(), caller.userId, body as FileReportRequest);
  return { status: created ? 201 : 200, body: report };
});
