/** The shape of a route row, the capabilities a function may hold, and the auth shorthands the rows use. */
import type { LimitClass } from '../../lambdas/domain/limits/limit-classes';
import type { UserGroup } from '../../lambdas/shared/http/route';

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
  /** Send data-export jobs to the export queue (and know the stage's export cooldown). */
  | 'enqueueExport'
  /**
   * Build data exports: read the person's objects (s3:GetObject, ListBucket on users/*, uploads/*)
   * and write the archive and its checkpoint (s3:PutObject, GetObject on exports/*).
   */
  | 'buildExports'
  /** Presign download links of ready exports (s3:GetObject on exports/*). */
  | 'presignExportDownloads'
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
  /** Read RevenueCat customers over its REST API (reads the stage's RevenueCat API key secret, when it has one). */
  | 'readStoreCustomers'
  /** Read the sparse open-reports index (dynamodb:Query on exactly that index); the table grant gives the rest. */
  | 'readModerationQueue'
  /** Publish safety alerts to the stage's alarm topic (sns:Publish on exactly it, and its key's data-key use). */
  | 'publishSafetyAlerts'
  /** The Telegram webhook: read the stage's webhook secret and bot token (when it has them), know the bot. */
  | 'runTelegramBot'
  /** Send to Telegram chats (the generation worker's replies): the bot token and bot info, not the webhook secret. */
  | 'sendTelegramMessages';

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
  /**
   * The route's request limits (docs/abuse.md): its budgets per user and per source IP, checked
   * in the route stack before the handler runs, and its API Gateway route throttle.
   */
  readonly limit: LimitClass;
  /** @default - none: the table (if any) is all the function touches */
  readonly uses?: readonly Capability[];
  /** @default lambdaRuntimeDefaults.memorySizeMb (more memory is also more CPU on Lambda) */
  readonly memorySizeMb?: number;
}

/** A signed-in user's route. */
export const jwt = { kind: 'jwt' } as const;

/** The moderation routes: a signed-in member of the Cognito `moderators` group. */
export const moderatorsOnly = { kind: 'jwt', group: 'moderators' } as const;
