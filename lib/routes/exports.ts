/** Data exports (issue 14, docs/export.md): ask for one, then poll it until its link is there. */
import { type RouteDefinition, jwt } from './route-definition';

export const exportRoutes: readonly RouteDefinition[] = [
  {
    id: 'RequestExport',
    method: 'POST',
    path: '/v1/me/exports',
    entry: 'lambdas/http/exports/request-export.ts',
    auth: jwt,
    // The export and the person's latest in one transaction; the job goes through the outbox.
    table: 'readWrite',
    limit: 'export',
    uses: ['enqueueExport'],
  },
  {
    id: 'GetExport',
    method: 'GET',
    path: '/v1/me/exports/{exportId}',
    entry: 'lambdas/http/exports/get-export.ts',
    auth: jwt,
    table: 'read',
    limit: 'read',
    uses: ['presignExportDownloads'],
  },
];
