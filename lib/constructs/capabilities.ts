/**
 * What each Capability of lib/routes/ means in AWS: the narrowest IAM statements and the env
 * variables the runtime reads (lambdas/shared/config.ts). Routes and workers declare capabilities;
 * this is the only place that turns them into access, and its switch is exhaustive, so a new
 * Capability does not compile until it is mapped here. The infra tests hold every function's
 * resulting policy against an allowlist (SECURITY A2).
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { models as modelRegistry, type ModelDefinition } from '../../lambdas/domain/generations/models';
import {
  favoritesIndexName,
  moderationQueueIndexName,
  outboxIndexName,
} from '../../lambdas/adapters/dynamodb/table-design';
import { envNames } from '../../lambdas/shared/config';
import type { StageConfig } from '../config/stage-config';
import { acknowledgeObjectPrefixGrant } from '../nag-acknowledgements';
import type { Capability } from '../routes';
import { exportsPrefix, uploadsPrefix, userImagesPrefix } from './image-buckets';
import type { PictorFunction } from './pictor-function';

/** A worker queue and the variable through which senders find its URL. */
export interface QueueTarget {
  readonly queue: IQueue;
  readonly urlEnv: string;
}

export interface CapabilityResources {
  /** The images bucket. Its objects live under `users/<userId>/…` and `uploads/<userId>/…`. */
  readonly bucket: IBucket;
  /** The single table, for capabilities on one of its indexes. */
  readonly table?: ITable;
  /** Each worker's queue, by the capability that sends to it (WorkerDefinition.sendCapability). */
  readonly queues: ReadonlyMap<Capability, QueueTarget>;
  /** The stage's image provider, Bedrock region, guardrail and RevenueCat settings. */
  readonly stage: Pick<StageConfig, 'images' | 'moderation' | 'revenueCat'> &
    Partial<Pick<StageConfig, 'telegram' | 'exports'>>;
  /** The user pool account deletion disables and deletes users in. */
  readonly userPool?: IUserPool;
  /** The key of the user-id hash (retained records, receipts). */
  readonly userIdHashKey?: ISecret;
  /** The account-deletion state machine, once it exists (routes are granted after the workflow is built). */
  readonly deletionStateMachine?: IStateMachine;
  /** The stage's alarm topic and the key it is encrypted with (safety alerts publish to it). */
  readonly alarmTopic?: { readonly topic: ITopic; readonly key: IKey };
  /**
   * The models `invokeImageModels` may call.
   * @default - the model registry (lambdas/domain/generations/models.ts)
   */
  readonly models?: readonly ModelDefinition[];
}

/** Grants `fn` each capability in `uses` (duplicates are granted once). */
export function grantCapabilities(
  fn: PictorFunction,
  uses: readonly Capability[],
  resources: CapabilityResources,
): void {
  for (const capability of new Set(uses)) grantCapability(fn, capability, resources);
}

function grantCapability(fn: PictorFunction, capability: Capability, resources: CapabilityResources): void {
  const { bucket } = resources;
  switch (capability) {
    case 'presignImageReads':
      // A presigned GET carries the signer's permission, so the signer needs GetObject.
      grantObjects(fn, bucket, ['s3:GetObject'], [userImagesPrefix, uploadsPrefix]);
      break;
    case 'presignUploads':
      // Likewise a presigned POST needs PutObject; its policy pins the exact key and size.
      grantObjects(fn, bucket, ['s3:PutObject'], [uploadsPrefix]);
      break;
    case 'validateUploads':
      grantObjects(fn, bucket, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], [uploadsPrefix]);
      break;
    case 'storeImages':
      grantObjects(fn, bucket, ['s3:PutObject', 's3:GetObject'], [userImagesPrefix]);
      // Copying a reference into the user's images reads its validated upload.
      grantObjects(fn, bucket, ['s3:GetObject'], [uploadsPrefix]);
      break;
    case 'deleteImages':
      grantListing(fn, bucket, [userImagesPrefix, uploadsPrefix, exportsPrefix]);
      grantObjects(fn, bucket, ['s3:DeleteObject'], [userImagesPrefix, uploadsPrefix, exportsPrefix]);
      break;
    case 'enqueueGeneration':
    case 'enqueueCleanup':
      grantSend(fn, capability, resources.queues);
      break;
    case 'enqueueExport':
      grantSend(fn, capability, resources.queues);
      fn.addEnvironment(envNames.exportCooldownSeconds, String((resources.stage.exports?.cooldownHours ?? 24) * 3600));
      break;
    case 'buildExports':
      grantListing(fn, bucket, [userImagesPrefix, uploadsPrefix]);
      grantObjects(fn, bucket, ['s3:GetObject'], [userImagesPrefix, uploadsPrefix]);
      // PutObject covers CreateMultipartUpload, UploadPart and CompleteMultipartUpload; GetObject reads the checkpoint.
      grantObjects(fn, bucket, ['s3:PutObject', 's3:GetObject'], [exportsPrefix]);
      break;
    case 'presignExportDownloads':
      grantObjects(fn, bucket, ['s3:GetObject'], [exportsPrefix]);
      break;
    case 'moderatePrompts':
      grantModeration(fn, resources.stage);
      break;
    case 'invokeImageModels':
      grantImageModels(fn, resources.stage, resources.models ?? modelRegistry);
      break;
    case 'readOutbox': {
      const table = required(resources.table, capability);
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [`${table.tableArn}/index/${outboxIndexName}`],
        }),
      );
      fn.addEnvironment(envNames.tableName, table.tableName);
      break;
    }
    case 'readFavorites': {
      const table = required(resources.table, capability);
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [`${table.tableArn}/index/${favoritesIndexName}`],
        }),
      );
      fn.addEnvironment(envNames.tableName, table.tableName);
      break;
    }
    case 'startAccountDeletion': {
      const stateMachine = required(resources.deletionStateMachine, capability);
      stateMachine.grantStartExecution(fn.role);
      fn.addEnvironment(envNames.deletionStateMachineArn, stateMachine.stateMachineArn);
      break;
    }
    case 'disableSignInUsers':
      grantUserAdmin(fn, required(resources.userPool, capability), [
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminUserGlobalSignOut',
      ]);
      break;
    case 'deleteSignInUsers':
      grantUserAdmin(fn, required(resources.userPool, capability), ['cognito-idp:AdminDeleteUser']);
      break;
    case 'hashUserIds': {
      const key = required(resources.userIdHashKey, capability);
      key.grantRead(fn.role);
      fn.addEnvironment(envNames.userIdHashKeySecretId, key.secretArn);
      break;
    }
    case 'removeSubscribers':
    case 'readStoreCustomers':
      grantSubscriberRemoval(fn, resources.stage);
      break;
    case 'verifyStoreWebhooks':
      grantStoreWebhookSecret(fn, resources.stage);
      break;
    case 'runTelegramBot':
      grantTelegramWebhookSecret(fn, resources.stage);
      grantTelegramSends(fn, resources.stage);
      break;
    case 'sendTelegramMessages':
      grantTelegramSends(fn, resources.stage);
      break;
    case 'readModerationQueue': {
      const table = required(resources.table, capability);
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [`${table.tableArn}/index/${moderationQueueIndexName}`],
        }),
      );
      fn.addEnvironment(envNames.tableName, table.tableName);
      break;
    }
    case 'publishSafetyAlerts': {
      const { topic, key } = required(resources.alarmTopic, capability);
      fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
      // The topic is encrypted with a customer-managed key: publishing encrypts under it.
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
      );
      fn.addEnvironment(envNames.safetyAlertTopicArn, topic.topicArn);
      break;
    }
    default: {
      const unmapped: never = capability;
      throw new Error(`capability ${String(unmapped)} has no grant in lib/constructs/capabilities.ts`);
    }
  }
}

/**
 * Object actions under key prefixes. IAM cannot narrow further: app users are not IAM principals,
 * so the handler builds every key from the caller's user id (taken from the token, never input).
 */
function grantObjects(fn: PictorFunction, bucket: IBucket, actions: string[], prefixes: readonly string[]): void {
  assertS3ManagedEncryption(bucket);
  const resources = prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`));
  fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
  for (const resource of resources) acknowledgeObjectPrefixGrant(fn.role, resource);
  fn.addEnvironment(envNames.imagesBucket, bucket.bucketName);
}

/** ListBucket, but only for listings inside the prefixes (a listing without a prefix is refused). */
function grantListing(fn: PictorFunction, bucket: IBucket, prefixes: readonly string[]): void {
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
    }),
  );
  fn.addEnvironment(envNames.imagesBucket, bucket.bucketName);
}

/**
 * The images bucket uses SSE-S3, so object access needs no KMS permission. A customer-managed key
 * would need kms:Decrypt/GenerateDataKey here too: fail the synth rather than deploy functions
 * that cannot read what they are allowed to read.
 */
function assertS3ManagedEncryption(bucket: IBucket): void {
  if (bucket.encryptionKey) {
    throw new Error('The images bucket has a KMS key: grant its use in lib/constructs/capabilities.ts');
  }
}

/** SendMessage alone (it also covers SendMessageBatch); the URL comes from the environment, so no GetQueueUrl. */
function grantSend(fn: PictorFunction, capability: Capability, queues: ReadonlyMap<Capability, QueueTarget>): void {
  const target = queues.get(capability);
  if (!target) throw new Error(`No worker queue receives '${capability}': declare its worker in lib/workers.ts`);
  if (target.queue.encryptionMasterKey) {
    throw new Error(`The queue for '${capability}' has a KMS key: grant its use in lib/constructs/capabilities.ts`);
  }
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [target.queue.queueArn] }),
  );
  fn.addEnvironment(target.urlEnv, target.queue.queueUrl);
}

/** The values of PROMPT_MODERATOR (lambdas/shared/config.ts). */
type PromptModerator = 'guardrail' | 'rules';

/** The stage's guardrail when it has one (ApplyGuardrail on exactly it); otherwise the rule-based moderator. */
function grantModeration(fn: PictorFunction, stage: CapabilityResources['stage']): void {
  const { guardrail } = stage.moderation;
  if (!guardrail) {
    fn.addEnvironment(envNames.promptModerator, 'rules' satisfies PromptModerator);
    return;
  }
  const region = stage.images.bedrockRegion;
  fn.addEnvironment(envNames.promptModerator, 'guardrail' satisfies PromptModerator);
  fn.addEnvironment(envNames.guardrailId, guardrail.id);
  fn.addEnvironment(envNames.guardrailVersion, guardrail.version);
  fn.addEnvironment(envNames.bedrockRegion, region);
  const guardrailArn = Stack.of(fn).formatArn({
    service: 'bedrock',
    region,
    resource: 'guardrail',
    resourceName: guardrail.id,
  });
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources: [guardrailArn] }),
  );
}

/**
 * InvokeModel on exactly the registry's foundation models (no `foundation-model/*`): a model
 * added to Bedrock is not callable until it is added to the registry. The local provider calls
 * no AWS service, so a stage that uses it gets no Bedrock permission at all.
 */
function grantImageModels(
  fn: PictorFunction,
  stage: CapabilityResources['stage'],
  registry: readonly ModelDefinition[],
): void {
  const { provider, bedrockRegion } = stage.images;
  fn.addEnvironment(envNames.imageProvider, provider);
  if (provider !== 'bedrock') return;
  fn.addEnvironment(envNames.bedrockRegion, bedrockRegion);
  const modelIds = [...new Set(registry.map((model) => model.bedrockModelId))];
  const modelArns = modelIds.map((modelId) =>
    // Foundation-model ARNs have an empty account field.
    Stack.of(fn).formatArn({
      service: 'bedrock',
      region: bedrockRegion,
      account: '',
      resource: 'foundation-model',
      resourceName: modelId,
    }),
  );
  fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: modelArns }));
}

function required<T>(resource: T | undefined, capability: Capability): T {
  if (resource === undefined)
    throw new Error(`capability '${capability}' needs a resource the stack did not pass to grantCapabilities`);
  return resource;
}

/** Admin actions on exactly the stage's user pool. */
function grantUserAdmin(fn: PictorFunction, userPool: IUserPool, actions: string[]): void {
  fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [userPool.userPoolArn] }));
  fn.addEnvironment(envNames.userPoolId, userPool.userPoolId);
}

/**
 * RevenueCat's API base and its key secret (read access to exactly it), when the stage has RevenueCat; otherwise
 * nothing.
 */
function grantSubscriberRemoval(fn: PictorFunction, stage: CapabilityResources['stage']): void {
  const { apiKeySecretName, apiBaseUrl } = stage.revenueCat;
  if (!apiKeySecretName) return;
  const secret = secretsmanager.Secret.fromSecretNameV2(fn, 'RevenueCatApiKey', apiKeySecretName);
  secret.grantRead(fn.role);
  fn.addEnvironment(envNames.revenueCatApiBaseUrl, apiBaseUrl);
  fn.addEnvironment(envNames.revenueCatApiKeySecretId, apiKeySecretName);
}

/** The webhook's shared secret: read only, and only the one the stage names (none: every delivery is refused). */
function grantStoreWebhookSecret(fn: PictorFunction, stage: CapabilityResources['stage']): void {
  const { webhookSecretName } = stage.revenueCat;
  if (!webhookSecretName) return;
  const secret = secretsmanager.Secret.fromSecretNameV2(fn, 'RevenueCatWebhookSecret', webhookSecretName);
  secret.grantRead(fn.role);
  fn.addEnvironment(envNames.revenueCatWebhookSecretId, webhookSecretName);
}

/** The webhook's secret token (read only, exactly the one the stage names); none: every update 401. */
function grantTelegramWebhookSecret(fn: PictorFunction, stage: CapabilityResources['stage']): void {
  const { webhookSecretName } = stage.telegram ?? {};
  if (webhookSecretName) {
    secretsmanager.Secret.fromSecretNameV2(fn, 'TelegramWebhookSecret', webhookSecretName).grantRead(fn.role);
    fn.addEnvironment(envNames.telegramWebhookSecretId, webhookSecretName);
  }
}

/** The bot token (read only) and the bot's getMe answer, for a function that sends to chats. */
function grantTelegramSends(fn: PictorFunction, stage: CapabilityResources['stage']): void {
  const { botTokenSecretName, botInfo } = stage.telegram ?? {};
  if (botTokenSecretName) {
    secretsmanager.Secret.fromSecretNameV2(fn, 'TelegramBotToken', botTokenSecretName).grantRead(fn.role);
    fn.addEnvironment(envNames.telegramBotTokenSecretId, botTokenSecretName);
  }
  if (botInfo) fn.addEnvironment(envNames.telegramBotInfo, JSON.stringify(botInfo));
}
