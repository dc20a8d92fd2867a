/** Reports, the moderation queue, moderation actions and the audit log (docs/moderation.md). */
import { type RouteDefinition, jwt, moderatorsOnly } from './route-definition';

export const moderationRoutes: readonly RouteDefinition[] = [
  {
    id: 'FileReport',
    method: 'POST',
    path: '/v1/reports',
    entry: 'lambdas/http/reports/file-report.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'report',
    uses: ['publishSafetyAlerts'],
  },
  {
    id: 'ListReports',
    method: 'GET',
    path: '/v1/reports',
    entry: 'lambdas/http/reports/list-reports.ts',
    auth: jwt,
    table: 'read',
    limit: 'read',
  },
  {
    id: 'ReportShare',
    method: 'POST',
    path: '/s/{token}/report',
    entry: 'lambdas/http/reports/file-share-report.ts',
    auth: {
      kind: 'public',
      reason:
        'A signed-out viewer of a share reports it: the share token is its authentication; it answers 202 or 404 ' +
        'and nothing else about the share, and stores one anonymous report per link and reason.',
    },
    table: 'readWrite',
    limit: 'report',
    uses: ['publishSafetyAlerts'],
  },
  {
    id: 'ListModerationQueue',
    method: 'GET',
    path: '/v1/moderation/reports',
    entry: 'lambdas/http/moderation/list-queue.ts',
    auth: moderatorsOnly,
    table: 'read',
    limit: 'staff',
    uses: ['readModerationQueue'],
  },
  {
    id: 'GetModerationReport',
    method: 'GET',
    path: '/v1/moderation/reports/{reportId}',
    entry: 'lambdas/http/moderation/get-report.ts',
    auth: moderatorsOnly,
    table: 'read',
    limit: 'staff',
    uses: ['presignImageReads'],
  },
  {
    id: 'ResolveReport',
    method: 'POST',
    path: '/v1/moderation/reports/{reportId}/resolution',
    entry: 'lambdas/http/moderation/resolve-report.ts',
    auth: moderatorsOnly,
    table: 'readWrite',
    limit: 'staff',
    // take_down queues the objects' removal; suspend_account disables sign-in; delete_account starts the workflow.
    uses: ['enqueueCleanup', 'disableSignInUsers', 'startAccountDeletion'],
  },
  {
    id: 'ListModerationAudit',
    method: 'GET',
    path: '/v1/moderation/audit',
    entry: 'lambdas/http/moderation/list-audit.ts',
    auth: moderatorsOnly,
    table: 'read',
    limit: 'staff',
  },
];
