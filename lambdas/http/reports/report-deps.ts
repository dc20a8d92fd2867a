/**
 * Wires the report use cases: filing (targets, the report store, the share port, the alarm
 * topic) and listing (the read store alone, so GET /v1/reports carries no transaction or SNS
 * code). Built on first use and kept for the life of the container.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { reportReadRepository } from '../../adapters/dynamodb/report-read-repository';
import { reportRepository } from '../../adapters/dynamodb/report-repository';
import { shareTargetRepository } from '../../adapters/dynamodb/share-target-repository';
import { safetyAlerts } from '../../adapters/sns/safety-alerts';
import type { FileReportDeps } from '../../domain/reports/file-report';
import { profileCreationDeps } from '../me/profile-creation-deps';
import type { ListMyReportsDeps } from '../../domain/reports/list-my-reports';
import { systemClock } from '../../domain/shared/clock';
import { liveShares } from '../../domain/shares/find-live-share';
import { tableConfig } from '../../shared/config';

let fileDeps: FileReportDeps | undefined;
let listDeps: ListMyReportsDeps | undefined;

/** POST /v1/reports' and POST /s/{token}/report's. */
export function fileReportDeps(): FileReportDeps {
  if (!fileDeps) {
    const { TABLE_NAME } = tableConfig();
    const store = reportRepository(documentClient, TABLE_NAME);
    fileDeps = {
      profiles: profileCreationDeps(),
      targets: store,
      reports: store,
      shares: liveShares({ targets: shareTargetRepository(documentClient, TABLE_NAME), now: systemClock }),
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
