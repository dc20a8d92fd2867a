/**
 * Every HTTP route, declared once. The CDK API construct builds API Gateway routes, Lambda
 * functions and their grants from this table; the local router serves the same table with the
 * same handlers. A route is JWT-authorized unless it is `public`, and a public route must say
 * how it authenticates itself (the infra tests hold the allowlist).
 */
import type { UserGroup } from '../lambdas/shared/http/route';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's function may do to the table; the construct turns this into least-privilege IAM. */
export type TableAccess = 'none' | 'read' | 'readWrite';

/**
 * What a function does beyond the table. The CDK app turns each into the narrowest grant and the
 * env variables the runtime reads (lib/constructs/capabilities.ts); the infra tests hold each
 * function's resulting policy against an allowlist.
 */
export type Capability =
  /** Presign GET URLs for the caller's images and references (s3:GetObject on users/* and uploads/*). */
  | 'presignImageReads'
  /** Hand out presigned POSTs for reference uploads (s3:PutObject on uploads/*). */
  | 'presignUploads'
  /** Read raw uploads, write their validated copies, delete the raw bytes (uploads/*). */
  | 'validateUploads'
  /**
   * Store generated images and copy references into them (s3:PutObject, GetObject on users/*,
   * GetObject on uploads/*).
   */
  | 'storeImages'
  /** Delete stored objects, listing by prefix (s3:ListBucket on users/*, uploads/*; s3:DeleteObject). */
  | 'deleteImages'
  /** Send jobs to the generation queue. */
  | 'enqueueGeneration'
  /** Send object-removal jobs to the cleanup queue. */
  | 'enqueueCleanup'
  /** Moderate prompts with the stage's Bedrock guardrail (bedrock:ApplyGuardrail). */
  | 'moderatePrompts'
  /** Call the registry's Bedrock models (bedrock:InvokeModel on exactly their ARNs). */
  | 'invokeImageModels'
  /** Start account-deletion executions (states:StartExecution on exactly that state machine). */
  | 'startAccountDeletion'
  /** Read the sparse outbox index (dynamodb:Query on exactly that index); the table grant gives the writes. */
  | 'readOutbox'
  /** Disable a Cognito user and sign it out everywhere (account deletion). */
  | 'disableSignInUsers'
  /** Delete a Cognito user (account deletion's last step on the directory; no other function holds it). */
  | 'deleteSignInUsers'
  /** Read the user-id hash key from Secrets Manager, for retained records and receipts. */
  | 'hashUserIds'
  /** Delete RevenueCat customers (reads the stage's RevenueCat API key secret, when it has one). */
  | 'removeSubscribers'
  /** Query the sparse favorites index (dynamodb:Query on exactly that index): the library's list route. */
  | 'readFavorites'
  /** Check RevenueCat webhook deliveries (reads the stage's webhook authorization secret, when it has one). */
  | 'verifyStoreWebhooks'
  /** Read the sparse open-reports index (dynamodb:Query on exactly that index); the table grant gives the rest. */
  | 'readModerationQueue'
  /** Publish safety alerts to the stage's alarm topic (sns:Publish on exactly it, and its key's data-key use). */
  | 'publishSafetyAlerts';

export interface RouteDefinition {
  /** PascalCase id, used for construct ids and function names. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path, with `{param}` placeholders. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /**
   * `group`: the route is for that Cognito group only; its handler's contract declares the same
   * group, which the route stack checks from the token (lambdas/shared/http/route.ts); the infra
   * tests hold the two equal.
   */
  readonly auth:
    | { readonly kind: 'jwt'; readonly group?: UserGroup }
    | { readonly kind: 'public'; readonly reason: string };
  readonly table: TableAccess;
  /** @default - none: the table (if any) is all the function touches */
  readonly uses?: readonly Capability[];
  /** @default lambdaRuntimeDefaults.memorySizeMb (more memory is also more CPU on Lambda) */
  readonly memorySizeMb?: number;
}

const jwt = { kind: 'jwt' } as const;

/** The moderation routes: a signed-in member of the Cognito `moderators` group. */
const moderatorsOnly = { kind: 'jwt', group: 'moderators' } as const;

export const routes: readonly RouteDefinition[] = [
  {
    id: 'Health',
    method: 'GET',
    path: '/health',
    entry: 'lambdas/http/health.ts',
    auth: { kind: 'public', reason: 'Liveness probe: returns a constant and touches no user data.' },
    table: 'none',
  },
  {
    id: 'GetMe',
    method: 'GET',
    path: '/v1/me',
    entry: 'lambdas/http/me/get-me.ts',
    auth: jwt,
    // Creates the profile and the starter grant on the first call, hence write access.
    table: 'readWrite',
  },
  {
    id: 'UpdateMe',
    method: 'PATCH',
    path: '/v1/me',
    entry: 'lambdas/http/me/update-me.ts',
    auth: jwt,
    table: 'readWrite',
  },
  {
    id: 'RecordConsents',
    method: 'POST',
    path: '/v1/me/consents',
    entry: 'lambdas/http/me/record-consents.ts',
    auth: jwt,
    table: 'readWrite',
  },
  {
    id: 'DeleteMe',
    method: 'DELETE',
    path: '/v1/me',
    entry: 'lambdas/http/me/delete-me.ts',
    auth: jwt,
    // Marks the account DELETING before the workflow starts.
    table: 'readWrite',
    uses: ['startAccountDeletion'],
  },
  {
    id: 'GetDeletion',
    method: 'GET',
    path: '/v1/me/deletion',
    entry: 'lambdas/http/me/get-deletion.ts',
    auth: jwt,
    table: 'read',
  },
  {
    id: 'GetCredits',
    method: 'GET',
    path: '/v1/credits',
    entry: 'lambdas/http/credits/get-credits.ts',
    auth: jwt,
    // One Query for the balance and a ledger page; creates the profile on a first call.
    table: 'readWrite',
  },
  {
    id: 'ListModels',
    method: 'GET',
    path: '/v1/models',
    entry: 'lambdas/http/models/list-models.ts',
    auth: jwt,
    table: 'none',
  },
  {
    id: 'CreateConversation',
    method: 'POST',
    path: '/v1/conversations',
    entry: 'lambdas/http/conversations/create-conversation.ts',
    auth: jwt,
    table: 'readWrite',
  },
  {
    id: 'ListConversations',
    method: 'GET',
    path: '/v1/conversations',
    entry: 'lambdas/http/conversations/list-conversations.ts',
    auth: jwt,
    table: 'read',
  },
  {
    id: 'GetConversation',
    method: 'GET',
    path: '/v1/conversations/{conversationId}',
    entry: 'lambdas/http/conversations/get-conversation.ts',
    auth: jwt,
    table: 'read',
    uses: ['presignImageReads'],
  },
  {
    id: 'RenameConversation',
    method: 'PATCH',
    path: '/v1/conversations/{conversationId}',
    entry: 'lambdas/http/conversations/rename-conversation.ts',
    auth: jwt,
    table: 'readWrite',
  },
  {
    id: 'DeleteConversation',
    method: 'DELETE',
    path: '/v1/conversations/{conversationId}',
    entry: 'lambdas/http/conversations/delete-conversation.ts',
    auth: jwt,
    table: 'readWrite',
    uses: ['enqueueCleanup'],
  },
  {
    id: 'CreateGeneration',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/generations',
    entry: 'lambdas/http/generations/create-generation.ts',
    auth: jwt,
    table: 'readWrite',
    uses: ['moderatePrompts', 'enqueueGeneration'],
  },
  {
    id: 'GetGeneration',
    method: 'GET',
    path: '/v1/generations/{generationId}',
    entry: 'lambdas/http/generations/get-generation.ts',
    auth: jwt,
    table: 'read',
    uses: ['presignImageReads'],
  },
  {
    id: 'GetImage',
    method: 'GET',
    path: '/v1/images/{imageId}',
    entry: 'lambdas/http/images/get-image.ts',
    auth: jwt,
    table: 'read',
    uses: ['presignImageReads'],
  },
  {
    id: 'DeleteImage',
    method: 'DELETE',
    path: '/v1/images/{imageId}',
    entry: 'lambdas/http/images/delete-image.ts',
    auth: jwt,
    table: 'readWrite',
    // The object goes through the cleanup worker (docs/generation.md, "Deleting an image").
    uses: ['enqueueCleanup'],
  },
  {
    id: 'CreateUpload',
    method: 'POST',
    path: '/v1/uploads',
    entry: 'lambdas/http/uploads/create-upload.ts',
    auth: jwt,
    table: 'readWrite',
    uses: ['presignUploads'],
  },
  {
    id: 'CompleteUpload',
    method: 'POST',
    path: '/v1/uploads/{uploadId}/complete',
    entry: 'lambdas/http/uploads/complete-upload.ts',
    auth: jwt,
    table: 'readWrite',
    uses: ['validateUploads'],
    // Decoding a 12.6 MP JPEG in pure JS peaks near 600 MB and is CPU-bound.
    memorySizeMb: 1536,
  },
  {
    id: 'GetUpload',
    method: 'GET',
    path: '/v1/uploads/{uploadId}',
    entry: 'lambdas/http/uploads/get-upload.ts',
    auth: jwt,
    table: 'read',
    uses: ['presignImageReads'],
  },

  /* ───────────── Library, favorites and the action log (issue 11, part A) ───────────── */
  {
    id: 'ListImages',
    method: 'GET',
    path: '/v1/images',
    entry: 'lambdas/http/images/list-images.ts',
    auth: jwt,
    table: 'read',
    // The library is a gsi1 group; `favorites=true` reads the favorites index.
    uses: ['presignImageReads', 'readFavorites'],
  },
  {
    id: 'FavoriteImage',
    method: 'PUT',
    path: '/v1/images/{imageId}/favorite',
    entry: 'lambdas/http/images/favorite-image.ts',
    auth: jwt,
    table: 'readWrite',
    uses: ['presignImageReads'],
  },
  {
    id: 'UnfavoriteImage',
    method: 'DELETE',
    path: '/v1/images/{imageId}/favorite',
    entry: 'lambdas/http/images/unfavorite-image.ts',
    auth: jwt,
    table: 'readWrite',
    uses: ['presignImageReads'],
  },
  {
    id: 'RecordImageAction',
    method: 'POST',
    path: '/v1/images/{imageId}/actions',
    entry: 'lambdas/http/images/record-image-action.ts',
    auth: jwt,
    table: 'readWrite',
  },
  // ---- Share links (issue 11, part B; docs/sharing.md) ----
  {
    id: 'CreateShareLink',
    method: 'POST',
    path: '/v1/images/{imageId}/share-links',
    entry: 'lambdas/http/shares/create-share-link.ts',
    auth: jwt,
    table: 'readWrite',
  },
  {
    id: 'ListShareLinks',
    method: 'GET',
    path: '/v1/share-links',
    entry: 'lambdas/http/shares/list-share-links.ts',
    auth: jwt,
    table: 'read',
  },
  {
    id: 'RevokeShareLink',
    method: 'DELETE',
    path: '/v1/share-links/{linkId}',
    entry: 'lambdas/http/shares/revoke-share-link.ts',
    auth: jwt,
    table: 'readWrite',
  },
  {
    id: 'OpenSharePage',
    method: 'GET',
    path: '/s/{token}',
    entry: 'lambdas/http/shares/open-share-page.ts',
    auth: {
      kind: 'public',
      reason:
        'Share page: authenticated by the share token in the path (256 random bits, stored only hashed); ' +
        'answers one image of a live link, read-only, and the same 404 for everything else.',
    },
    table: 'read',
  },
  {
    id: 'OpenSharedImage',
    method: 'GET',
    path: '/s/{token}/image',
    entry: 'lambdas/http/shares/open-shared-image.ts',
    auth: {
      kind: 'public',
      reason:
        'Shared image: authenticated by the share token in the path; a 302 to a presigned GET of that one ' +
        'image, minted per request, and the same 404 for everything else.',
    },
    table: 'read',
    uses: ['presignImageReads'],
  },
  // Issue 12: subscriptions and credit packs (docs/subscriptions.md).
  {
    id: 'GetPlans',
    method: 'GET',
    path: '/v1/plans',
    entry: 'lambdas/http/billing/get-plans.ts',
    auth: jwt,
    table: 'none',
  },
  {
    id: 'RevenueCatWebhook',
    method: 'POST',
    path: '/webhooks/revenuecat',
    entry: 'lambdas/webhooks/revenuecat.ts',
    auth: {
      kind: 'public',
      reason:
        'RevenueCat cannot present a Cognito token: the handler compares the Authorization header ' +
        'in constant time with a Secrets Manager secret before any table access (401 otherwise).',
    },
    table: 'readWrite',
    uses: ['verifyStoreWebhooks'],
  },

  // ---- Part C (issue 11): reports, the moderation queue, moderation actions, the audit log ----
  {
    id: 'FileReport',
    method: 'POST',
    path: '/v1/reports',
    entry: 'lambdas/http/reports/file-report.ts',
    auth: jwt,
    table: 'readWrite',
    uses: ['publishSafetyAlerts'],
  },
  {
    id: 'ListReports',
    method: 'GET',
    path: '/v1/reports',
    entry: 'lambdas/http/reports/list-reports.ts',
    auth: jwt,
    table: 'read',
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
    uses: ['publishSafetyAlerts'],
  },
  {
    id: 'ListModerationQueue',
    method: 'GET',
    path: '/v1/moderation/reports',
    entry: 'lambdas/http/moderation/list-queue.ts',
    auth: moderatorsOnly,
    table: 'read',
    uses: ['readModerationQueue'],
  },
  {
    id: 'GetModerationReport',
    method: 'GET',
    path: '/v1/moderation/reports/{reportId}',
    entry: 'lambdas/http/moderation/get-report.ts',
    auth: moderatorsOnly,
    table: 'read',
    uses: ['presignImageReads'],
  },
  {
    id: 'ResolveReport',
    method: 'POST',
    path: '/v1/moderation/reports/{reportId}/resolution',
    entry: 'lambdas/http/moderation/resolve-report.ts',
    auth: moderatorsOnly,
    table: 'readWrite',
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
  },
];
