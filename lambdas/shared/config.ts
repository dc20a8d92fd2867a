/**
 * Runtime configuration, read from the environment once per cold start and validated with zod,
 * so a misdeployed function fails at its first invocation with a clear message instead of
 * half-working. Each part is parsed on first use: a function only needs the variables of the
 * parts it touches. The CDK function construct and the local stack set these same names.
 */
import * as z from 'zod/mini';
import { validate } from './validation';

const tableEnv = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
});

const profileEnv = z.object({
  /** Credits granted once, when a person's profile is first created. */
  STARTER_CREDITS: z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
  /** The privacy-policy version the apps currently show; consents must name it. */
  PRIVACY_POLICY_VERSION: z.string().check(z.minLength(1), z.maxLength(64)),
});

const imagesEnv = z.object({
  /** The private images bucket: generated images, validated references, raw uploads. */
  IMAGES_BUCKET: z.string().check(z.minLength(3)),
  /** Path-style S3 URLs; only the local stack sets it (s3rver listens on 127.0.0.1). */
  S3_FORCE_PATH_STYLE: z.optional(z.enum(['true', 'false'])),
  /** Set by Lambda; presigned URLs are signed for it. */
  AWS_REGION: z.string().check(z.minLength(1)),
  /** The SDK's standard endpoint override; only the local stack sets it. */
  AWS_ENDPOINT_URL_S3: z.optional(z.string().check(z.minLength(1))),
});

const generationQueueEnv = z.object({
  GENERATION_QUEUE_URL: z.string().check(z.minLength(1)),
});

const cleanupQueueEnv = z.object({
  CLEANUP_QUEUE_URL: z.string().check(z.minLength(1)),
});

const imageProviderEnv = z.object({
  /** `bedrock` in AWS; `local` draws PNGs offline (the local stack and tests). */
  IMAGE_PROVIDER: z.enum(['bedrock', 'local']),
  /** Where the Stability models run (they are not in every region). */
  BEDROCK_REGION: z.optional(z.string().check(z.minLength(1))),
});

const moderationEnv = z.object({
  /** `guardrail` calls Bedrock Guardrails ApplyGuardrail; `rules` is the offline rule-based moderator. */
  PROMPT_MODERATOR: z.enum(['guardrail', 'rules']),
  GUARDRAIL_ID: z.optional(z.string().check(z.minLength(1))),
  GUARDRAIL_VERSION: z.optional(z.string().check(z.regex(/^([1-9][0-9]{0,7}|DRAFT)$/))),
  BEDROCK_REGION: z.optional(z.string().check(z.minLength(1))),
});

const generationWorkerEnv = z.object({
  /** The generation queue's maxReceiveCount: on the last delivery a failing job is failed and refunded, not retried. */
  GENERATION_MAX_ATTEMPTS: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(20)),
});

const deletionRequestEnv = z.object({
  /** The account-deletion state machine DELETE /v1/me starts executions of. */
  DELETION_STATE_MACHINE_ARN: z.string().check(z.minLength(1)),
});

const userDirectoryEnv = z.object({
  /** The Cognito user pool whose users the deletion workflow disables and deletes. */
  USER_POOL_ID: z.string().check(z.minLength(1)),
});

const retentionEnv = z.object({
  /**
   * The Secrets Manager secret holding the key of the keyed hash (HMAC-SHA256) that stands in for
   * a user id in retained records and deletion receipts. The key itself never enters the env.
   */
  USER_ID_HASH_KEY_SECRET_ID: z.string().check(z.minLength(1)),
});

const subscriberRemovalEnv = z.object({
  /** RevenueCat's REST API base (a fake server's in tests); unset: the stage has no RevenueCat. */
  REVENUECAT_API_BASE_URL: z.optional(z.url()),
  /** The Secrets Manager secret holding RevenueCat's secret API key (`sk_…`). */
  REVENUECAT_API_KEY_SECRET_ID: z.optional(z.string().check(z.minLength(1))),
});

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

function lazyEnv<T>(schema: z.ZodMiniType<T>): () => T {
  let parsed: T | undefined;
  return () => {
    if (parsed === undefined) {
      const result = validate(schema, process.env);
      if (!result.success) {
        const names = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
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
export const userDirectoryConfig = lazyEnv(userDirectoryEnv);
export const retentionConfig = lazyEnv(retentionEnv);
export const subscriberRemovalConfig = lazyEnv(subscriberRemovalEnv);

/** Names of every variable above, for the CDK construct and the local stack to set. */
export const envNames = {
  tableName: 'TABLE_NAME',
  starterCredits: 'STARTER_CREDITS',
  privacyPolicyVersion: 'PRIVACY_POLICY_VERSION',
  imagesBucket: 'IMAGES_BUCKET',
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
  generationQueueUrl: 'GENERATION_QUEUE_URL',
  cleanupQueueUrl: 'CLEANUP_QUEUE_URL',
  imageProvider: 'IMAGE_PROVIDER',
  bedrockRegion: 'BEDROCK_REGION',
  promptModerator: 'PROMPT_MODERATOR',
  guardrailId: 'GUARDRAIL_ID',
  guardrailVersion: 'GUARDRAIL_VERSION',
  generationMaxAttempts: 'GENERATION_MAX_ATTEMPTS',
  deletionStateMachineArn: 'DELETION_STATE_MACHINE_ARN',
  userPoolId: 'USER_POOL_ID',
  userIdHashKeySecretId: 'USER_ID_HASH_KEY_SECRET_ID',
  revenueCatApiBaseUrl: 'REVENUECAT_API_BASE_URL',
  revenueCatApiKeySecretId: 'REVENUECAT_API_KEY_SECRET_ID',
} as const;
