/** GET /v1/me/exports/{exportId}: status, progress, and once ready a download link minted for this read. */
import { exportLinks } from '../../adapters/s3/export-links';
import { getMyExport } from '../../domain/export/get-my-export';
import { systemClock } from '../../domain/shared/clock';
import { userRoute } from '../../shared/http/route';
import { exportStore } from './export-deps';

export const handler = userRoute({ params: { exportId: 'export' } }, async ({ caller, params }) => ({
  body: await getMyExport(
    { store: exportStore(), links: exportLinks(), now: systemClock },
    caller.userId,
    params.exportId,
  ),
}));
