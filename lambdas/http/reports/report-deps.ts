/**
 * Wires the report use cases: filing (targets, the report store, the share port, the alarm
 * topic) and listing (the read store alone, so GET /v1/reports carries no transaction or SNS
 * code). Built on first use and kept for the life of the container.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { reportReadRepository } from '../../adapters/dynamodb/report-read-repository';
import { reportRepository } from '../../adapters/dynamodb/report-repository';
import { shareTargetsNotYetWired } from '../../adapters/shares/share-targets-placeholder';
import { safetyAlerts } from '../../adapters/sns/safety-alerts';
import type { FileReportDeps } from '../../domain/reports/file-report';
import type { ListMyReportsDeps } from '../../domain/reports/list-my-reports';
import { systemClock } from '../../domain/shared/clock';
import { tableConfig } from '../../shared/config';

let fileDeps: FileReportDeps | undefined;
let listDeps: ListMyReportsDeps | undefined;

/** POST /v1/reports' and POST /s/{token}/report's. */
export function fileReportDeps(): FileReportDeps {
  if (!fileDeps) {
    const store = reportRepository(documentClient, tableConfig().TABLE_NAME);
    // Issue 11's merge wires B's findLiveShare here (lambdas/adapters/shares/share-targets-placeholder.ts).
    fileDeps = {
      targets: store,
      reports: store,
      shares: shareTargetsNotYetWired,
      alerts: safetyAlerts(),
      now: systemClock,
    };
  }
  return fileDeps;
}

/** GET /v1/reports'. */
export function listReportsDeps(): ListMyReportsDeps {
  listDeps ??= { reports: reportReadRepository(documentClient, tableConfig().TABLE_NAME) };
  return listDeps;
}
