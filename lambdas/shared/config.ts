/**
 * Runtime configuration, read from the environment once per cold start and validated with valibot,
 * so a misdeployed function fails at its first invocation with a clear message instead of
 * half-working. Each part is parsed on first use: a function only needs the variables of the
 * parts it touches. The CDK function construct and the local stack set these same names.
 */
import * as v from 'valibot';
import { fieldOf, validate, type Schema } from './validation';

/*
 * The name of every variable the runtime reads, each spelled once here: the schemas below are
 * keyed by these, and `envNames` (the end of this file) hands them to the CDK function construct
 * (lib/constructs/capabilities.ts), the local stack (local/config.ts) and tests. Separate
 * constants, not one object, so a bundle carries only the names its schemas read.
 */
const tableName = 'TABLE_NAME';
const starterCredits = 'STARTER_CREDITS';
const privacyPolicyVersion = 'PRIVACY_POLICY_VERSION';
const imagesBucket = 'IMAGES_BUCKET';
/** Set by Lambda. */
const awsRegion = 'AWS_REGION';
/** The SDK's standard S3 endpoint override; only the local stack sets it. */
const s3Endpoint = 'AWS_ENDPOINT_URL_S3';
const generationQueueUrl = 'GENERATION_QUEUE_URL';
const cleanupQueueUrl = 'CLEANUP_QUEUE_URL';
const exportQueueUrl = 'EXPORT_QUEUE_URL';
const exportCooldownSeconds = 'EXPORT_COOLDOWN_SECONDS';
const imageProvider = 'IMAGE_PROVIDER';
const bedrockRegion = 'BEDROCK_REGION';
const promptModerator = 'PROMPT_MODERATOR';
const guardrailId = 'GUARDRAIL_ID';
const guardrailVersion = 'GUARDRAIL_VERSION';
const generationMaxAttempts = 'GENERATION_MAX_ATTEMPTS';
const deletionStateMachineArn = 'DELETION_STATE_MACHINE_ARN';
const outboxGraceSeconds = 'OUTBOX_GRACE_SECONDS';
const outboxAbandonAfterSeconds = 'OUTBOX_ABANDON_AFTER_SECONDS';
const userPoolId = 'USER_POOL_ID';
const userIdHashKeySecretId = 'USER_ID_HASH_KEY_SECRET_ID';
const revenueCatApiBaseUrl = 'REVENUECAT_API_BASE_URL';
const revenueCatApiKeySecretId = 'REVENUECAT_API_KEY_SECRET_ID';
const billingCatalog = 'BILLING_CATALOG';
const revenueCatWebhookSecretId = 'REVENUECAT_WEBHOOK_SECRET_ID';
const safetyAlertTopicArn = 'SAFETY_ALERT_TOPIC_ARN';
/** The SDK's standard SNS endpoint override; only the local stack sets it. */
const snsEndpoint = 'AWS_ENDPOINT_URL_SNS';
/** The standard SDK variable; set only locally, to reach cognito-local. */
const cognitoEndpoint = 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER';
// Part B (issue 13): the Telegram bot.
const telegramWebhookSecretId = 'TELEGRAM_WEBHOOK_SECRET_ID';
const telegramBotTokenSecretId = 'TELEGRAM_BOT_TOKEN_SECRET_ID';
const telegramBotInfo = 'TELEGRAM_BOT_INFO';
/** The Bot API's base; only the local stack and tests set it (the fake Bot API). */
const telegramApiRoot = 'TELEGRAM_API_ROOT';
/** Issue 15: each route's limit class and budgets, keyed by API Gateway's route key. */
const routeLimits = 'ROUTE_LIMITS';

/** A required non-empty string. */
/* @__NO_SIDE_EFFECTS__ */ const nonEmpty = () => v.pipe(v.string(), v.minLength(1));

/** Env values are strings: read as a number (Number(), as zod's coerce did), then checked as an integer. */
/* @__NO_SIDE_EFFECTS__ */ const integerBetween = (min: number, max: number) =>
  v.pipe(v.unknown(), v.toNumber(), v.integer(), v.minValue(min), v.maxValue(max));

const tableEnv = () =>
  v.object({
    [tableName]: nonEmpty(),
  });

const profileEnv = () =>
  v.object({
    /** Credits granted once, when a person's profile is first created. */
    [starterCredits]: integerBetween(0, 10_000),
    /** The privacy-policy version the apps currently show; consents must name it. */
    [privacyPolicyVersion]: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  });

const imagesEnv = () =>
  v.object({
    /** The private images bucket: generated images, validated references, raw uploads. */
    [imagesBucket]: v.pipe(v.string(), v.minLength(3)),
    /** Set by Lambda; presigned URLs are signed for it. */
    [awsRegion]: nonEmpty(),
    /** The SDK's standard endpoint override; only the local stack sets it. */
    [s3Endpoint]: v.optional(nonEmpty()),
  });

const generationQueueEnv = () =>
  v.object({
    [generationQueueUrl]: nonEmpty(),
  });

const exportQueueEnv = () =>
  v.object({
    [exportQueueUrl]: nonEmpty(),
    /** From the stage config's `exports.cooldownHours`: how long after one export the next may start. */
    [exportCooldownSeconds]: integerBetween(0, 30 * 86_400),
  });

const cleanupQueueEnv = () =>
  v.object({
    [cleanupQueueUrl]: nonEmpty(),
  });

const imageProviderEnv = () =>
  v.object({
    /** `bedrock` in AWS; `local` draws PNGs offline (the local stack and tests). */
    [imageProvider]: v.picklist(['bedrock', 'local']),
    /** Where the Stability models run (they are not in every region). */
    [bedrockRegion]: v.optional(nonEmpty()),
  });

const moderationEnv = () =>
  v.object({
    /** `guardrail` calls Bedrock Guardrails ApplyGuardrail; `rules` is the offline rule-based moderator. */
    [promptModerator]: v.picklist(['guardrail', 'rules']),
    [guardrailId]: v.optional(nonEmpty()),
    [guardrailVersion]: v.optional(v.pipe(v.string(), v.regex(/^([1-9][0-9]{0,7}|DRAFT)$/))),
    [bedrockRegion]: v.optional(nonEmpty()),
  });

const generationWorkerEnv = () =>
  v.object({
    /**
     * The generation queue's maxReceiveCount: on the last delivery a failing job is failed and refunded, not retried.
     */
    [generationMaxAttempts]: integerBetween(1, 20),
  });

const deletionRequestEnv = () =>
  v.object({
    /** The account-deletion state machine DELETE /v1/me starts executions of. */
    [deletionStateMachineArn]: nonEmpty(),
  });

const outboxSweepEnv = () =>
  v.object({
    /**
     * Outbox entries younger than this are left to the request that committed them (default 60).
     * The local stack shortens it; in AWS the default holds.
     */
    [outboxGraceSeconds]: v.optional(integerBetween(0, 3600)),
    /**
     * How long a started generation may go unsettled before the sweeper abandons it (default an hour; the local stack
     * shortens it).
     */
    [outboxAbandonAfterSeconds]: v.optional(integerBetween(1, 86_400)),
  });

const userDirectoryEnv = () =>
  v.object({
    /** The Cognito user pool whose users the deletion workflow disables and deletes. */
    [userPoolId]: nonEmpty(),
    [awsRegion]: nonEmpty(),
    [cognitoEndpoint]: v.optional(nonEmpty()),
  });

const retentionEnv = () =>
  v.object({
    /**
     * The Secrets Manager secret holding the key of the keyed hash (HMAC-SHA256) that stands in for
     * a user id in retained records and deletion receipts. The key itself never enters the env.
     */
    [userIdHashKeySecretId]: nonEmpty(),
  });

const subscriberRemovalEnv = () =>
  v.object({
    /** RevenueCat's REST API base (a fake server's in tests); unset: the stage has no RevenueCat. */
    // Trimmed before the check and in the value, as zod's url() did.
    [revenueCatApiBaseUrl]: v.optional(v.pipe(v.string(), v.trim(), v.url())),
    /** The Secrets Manager secret holding RevenueCat's secret API key (`sk_…`). */
    [revenueCatApiKeySecretId]: v.optional(nonEmpty()),
  });

const billingEnv = () =>
  v.object({
    /**
     * The stage's store catalog as JSON (lambdas/domain/billing/catalog.ts), validated in full by
     * the stage config at synth; here only its being JSON of an object. Unset: nothing is sold.
     */
    [billingCatalog]: v.optional(v.pipe(v.string(), v.parseJson(), v.looseObject({ entitlement: nonEmpty() }))),
  });

const storeWebhookEnv = () =>
  v.object({
    /**
     * The Secrets Manager secret holding the exact Authorization header value RevenueCat sends;
     * unset: the stage has none, and every delivery is refused.
     */
    [revenueCatWebhookSecretId]: v.optional(nonEmpty()),
  });

const safetyAlertsEnv = () =>
  v.object({
    /** The stage's alarm topic, where minor_safety and underage_user reports page someone at once. */
    [safetyAlertTopicArn]: v.pipe(
      v.string(),
      v.regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$/),
    ),
    [awsRegion]: nonEmpty(),
    [snsEndpoint]: v.optional(nonEmpty()),
  });

/* @__NO_SIDE_EFFECTS__ */ const budgetEnv = () =>
  v.optional(v.object({ max: integerBetween(1, 1_000_000), windowSeconds: integerBetween(1, 86_400) }));

const routeLimitsEnv = () =>
  v.object({
    /**
     * JSON: route key (`POST /v1/me/exports`) → its class's budgets, from the route table and the
     * stage config (lib/routes/route-limits.ts). A function holds only its own route's; the local
     * stack, which runs every route in one process, holds them all. Unset: nothing is limited
     * (unit tests of the bare handlers); the infra tests hold every deployed route to having it.
     */
    [routeLimits]: v.optional(
      v.pipe(
        v.string(),
        v.parseJson(),
        v.record(
          v.string(),
          v.object({
            limitClass: nonEmpty(),
            perUser: budgetEnv(),
            perIp: budgetEnv(),
            onFailure: v.picklist(['open', 'closed']),
          }),
        ),
      ),
    ),
    /** The key of the keyed hash that stands in for a source IP (the user-id hash key); only per-IP classes. */
    [userIdHashKeySecretId]: v.optional(nonEmpty()),
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
const telegramEnv = () =>
  v.object({
    /** The secret `setWebhook` was given; Telegram sends it as X-Telegram-Bot-Api-Secret-Token. Unset: all 401. */
    [telegramWebhookSecretId]: v.optional(nonEmpty()),
    /** The bot token (`<id>:<secret>`), read once per container after the webhook secret matched. */
    [telegramBotTokenSecretId]: v.optional(nonEmpty()),
    /** The bot's own `getMe` answer as JSON, from the stage config, so grammY never calls getMe. */
    [telegramBotInfo]: v.optional(v.pipe(v.string(), v.parseJson(), v.looseObject({ id: v.number() }))),
    [telegramApiRoot]: v.optional(v.pipe(v.string(), v.url())),
  });

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
export const exportQueueConfig = lazyEnv(exportQueueEnv);
export const imageProviderConfig = lazyEnv(imageProviderEnv);
export const moderationConfig = lazyEnv(moderationEnv);
export const generationWorkerConfig = lazyEnv(generationWorkerEnv);
export const deletionRequestConfig = lazyEnv(deletionRequestEnv);
export const outboxSweepConfig = lazyEnv(outboxSweepEnv);
export const userDirectoryConfig = lazyEnv(userDirectoryEnv);
export const retentionConfig = lazyEnv(retentionEnv);
export const subscriberRemovalConfig = lazyEnv(subscriberRemovalEnv);
export const billingConfig = lazyEnv(billingEnv);
export const storeWebhookConfig = lazyEnv(storeWebhookEnv);
export const safetyAlertsConfig = lazyEnv(safetyAlertsEnv);
export const telegramConfig = lazyEnv(telegramEnv);
export const routeLimitsConfig = lazyEnv(routeLimitsEnv);

/** Every variable name above, for the CDK construct, the local stack and tests to set and read. */
export const envNames = {
  telegramWebhookSecretId,
  telegramBotTokenSecretId,
  telegramBotInfo,
  telegramApiRoot,
  tableName,
  starterCredits,
  privacyPolicyVersion,
  imagesBucket,
  awsRegion,
  s3Endpoint,
  generationQueueUrl,
  cleanupQueueUrl,
  exportQueueUrl,
  exportCooldownSeconds,
  routeLimits,
  imageProvider,
  bedrockRegion,
  promptModerator,
  guardrailId,
  guardrailVersion,
  generationMaxAttempts,
  deletionStateMachineArn,
  outboxGraceSeconds,
  outboxAbandonAfterSeconds,
  userPoolId,
  userIdHashKeySecretId,
  revenueCatApiBaseUrl,
  revenueCatApiKeySecretId,
  billingCatalog,
  revenueCatWebhookSecretId,
  safetyAlertTopicArn,
  snsEndpoint,
  cognitoEndpoint,
} as const;
