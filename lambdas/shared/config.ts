/**
 * Runtime configuration, read from the environment once per cold start and validated with valibot,
 * so a misdeployed function fails at its first invocation with a clear message instead of
 * half-working. Each part is parsed on first use: a function only needs the variables of the
 * parts it touches. The CDK function construct and the local stack set these same names.
 */
import * as v from 'valibot';
import { fieldOf, validate, type Schema } from './validation';

/** A required non-empty string. */
/* @__NO_SIDE_EFFECTS__ */ const nonEmpty = () => v.pipe(v.string(), v.minLength(1));

/** Env values are strings: read as a number (Number(), as zod's coerce did), then checked as an integer. */
/* @__NO_SIDE_EFFECTS__ */ const integerBetween = (min: number, max: number) =>
  v.pipe(v.unknown(), v.toNumber(), v.integer(), v.minValue(min), v.maxValue(max));

const tableEnv = () =>
  v.object({
    TABLE_NAME: nonEmpty(),
  });

const profileEnv = () =>
  v.object({
    /** Credits granted once, when a person's profile is first created. */
    STARTER_CREDITS: integerBetween(0, 10_000),
    /** The privacy-policy version the apps currently show; consents must name it. */
    PRIVACY_POLICY_VERSION: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  });

const imagesEnv = () =>
  v.object({
    /** The private images bucket: generated images, validated references, raw uploads. */
    IMAGES_BUCKET: v.pipe(v.string(), v.minLength(3)),
    /** Set by Lambda; presigned URLs are signed for it. */
    AWS_REGION: nonEmpty(),
    /** The SDK's standard endpoint override; only the local stack sets it. */
    AWS_ENDPOINT_URL_S3: v.optional(nonEmpty()),
  });

const generationQueueEnv = () =>
  v.object({
    GENERATION_QUEUE_URL: nonEmpty(),
  });

const cleanupQueueEnv = () =>
  v.object({
    CLEANUP_QUEUE_URL: nonEmpty(),
  });

const imageProviderEnv = () =>
  v.object({
    /** `bedrock` in AWS; `local` draws PNGs offline (the local stack and tests). */
    IMAGE_PROVIDER: v.picklist(['bedrock', 'local']),
    /** Where the Stability models run (they are not in every region). */
    BEDROCK_REGION: v.optional(nonEmpty()),
  });

const moderationEnv = () =>
  v.object({
    /** `guardrail` calls Bedrock Guardrails ApplyGuardrail; `rules` is the offline rule-based moderator. */
    PROMPT_MODERATOR: v.picklist(['guardrail', 'rules']),
    GUARDRAIL_ID: v.optional(nonEmpty()),
    GUARDRAIL_VERSION: v.optional(v.pipe(v.string(), v.regex(/^([1-9][0-9]{0,7}|DRAFT)$/))),
    BEDROCK_REGION: v.optional(nonEmpty()),
  });

const generationWorkerEnv = () =>
  v.object({
    /** The generation queue's maxReceiveCount: on the last delivery a failing job is failed and refunded, not retried. */
    GENERATION_MAX_ATTEMPTS: integerBetween(1, 20),
  });

const deletionRequestEnv = () =>
  v.object({
    /** The account-deletion state machine DELETE /v1/me starts executions of. */
    DELETION_STATE_MACHINE_ARN: nonEmpty(),
  });

const outboxSweepEnv = () =>
  v.object({
    /**
     * Outbox entries younger than this are left to the request that committed them (default 60).
     * The local stack shortens it; in AWS the default holds.
     */
    OUTBOX_GRACE_SECONDS: v.optional(integerBetween(0, 3600)),
    /** How long a started generation may go unsettled before the sweeper abandons it (default an hour; the local stack shortens it). */
    OUTBOX_ABANDON_AFTER_SECONDS: v.optional(integerBetween(1, 86_400)),
  });

const userDirectoryEnv = () =>
  v.object({
    /** The Cognito user pool whose users the deletion workflow disables and deletes. */
    USER_POOL_ID: nonEmpty(),
  });

const retentionEnv = () =>
  v.object({
    /**
     * The Secrets Manager secret holding the key of the keyed hash (HMAC-SHA256) that stands in for
     * a user id in retained records and deletion receipts. The key itself never enters the env.
     */
    USER_ID_HASH_KEY_SECRET_ID: nonEmpty(),
  });

const subscriberRemovalEnv = () =>
  v.object({
    /** RevenueCat's REST API base (a fake server's in tests); unset: the stage has no RevenueCat. */
    // Trimmed before the check and in the value, as zod's url() did.
    REVENUECAT_API_BASE_URL: v.optional(v.pipe(v.string(), v.trim(), v.url())),
    /** The Secrets Manager secret holding RevenueCat's secret API key (`sk_…`). */
    REVENUECAT_API_KEY_SECRET_ID: v.optional(nonEmpty()),
  });

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/**
 * Each schema is built on first use, from a function: esbuild keeps a module-level valibot call
 * even when nothing reads its result, so built eagerly every env schema would be in every
 * bundle. Marked free of side effects, an unused `…Config` and its schema leave the bundle.
 */
/* @__NO_SIDE_EFFECTS__ */ function lazyEnv<T>(schema: () => Schema<T>): () => T {
  let parsed: T | undefined;
  return () => {
    if (parsed === undefined) {
      const result = validate(schema(), process.env);
      if (!result.success) {
        const names = result.issues.map(fieldOf).join(', ');
        throw new ConfigurationError(`Missing or invalid environment variables: ${names}`);
      }
      parsed = result.data;
    }
    return parsed;
  };
}

export const tableConfig = lazyEnv(tableEnv);
export const profileConfig = lazyEnv(profileEnv);
export const imagesConfig = lazyEnv(imagesEnv);
export const generationQueueConfig = lazyEnv(generationQueueEnv);
export const cleanupQueueConfig = lazyEnv(cleanupQueueEnv);
export const imageProviderConfig = lazyEnv(imageProviderEnv);
export const moderationConfig = lazyEnv(moderationEnv);
export const generationWorkerConfig = lazyEnv(generationWorkerEnv);
export const deletionRequestConfig = lazyEnv(deletionRequestEnv);
export const outboxSweepConfig = lazyEnv(outboxSweepEnv);
export const userDirectoryConfig = lazyEnv(userDirectoryEnv);
export const retentionConfig = lazyEnv(retentionEnv);
export const subscriberRemovalConfig = lazyEnv(subscriberRemovalEnv);

/** Names of every variable above, for the CDK construct and the local stack to set. */
export const envNames = {
  tableName: 'TABLE_NAME',
  starterCredits: 'STARTER_CREDITS',
  privacyPolicyVersion: 'PRIVACY_POLICY_VERSION',
  imagesBucket: 'IMAGES_BUCKET',
  generationQueueUrl: 'GENERATION_QUEUE_URL',
  cleanupQueueUrl: 'CLEANUP_QUEUE_URL',
  imageProvider: 'IMAGE_PROVIDER',
  bedrockRegion: 'BEDROCK_REGION',
  promptModerator: 'PROMPT_MODERATOR',
  guardrailId: 'GUARDRAIL_ID',
  guardrailVersion: 'GUARDRAIL_VERSION',
  generationMaxAttempts: 'GENERATION_MAX_ATTEMPTS',
  deletionStateMachineArn: 'DELETION_STATE_MACHINE_ARN',
  outboxGraceSeconds: 'OUTBOX_GRACE_SECONDS',
  outboxAbandonAfterSeconds: 'OUTBOX_ABANDON_AFTER_SECONDS',
  userPoolId: 'USER_POOL_ID',
  userIdHashKeySecretId: 'USER_ID_HASH_KEY_SECRET_ID',
  revenueCatApiBaseUrl: 'REVENUECAT_API_BASE_URL',
  revenueCatApiKeySecretId: 'REVENUECAT_API_KEY_SECRET_ID',
} as const;
