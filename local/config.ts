/**
 * Everything the local stack is configured by, in one place: ports (overridable by env), the
 * fixed names of the local resources, and the env map the handlers run with. The handlers carry
 * no local-only code: they read the same variables as in AWS, and the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables point their default SDK clients at the emulators.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseStageConfig, type StageConfig } from '../lib/config/stage-config';
import { lambdaRuntimeDefaults } from '../lib/constructs/lambda-defaults';
import { resolvedLimits } from '../lambdas/domain/limits/limit-classes';
import { envNames } from '../lambdas/shared/config';
import { routes } from '../lib/routes';
import { routeLimitsOf } from '../lib/routes/route-limits';

export const repoRoot = resolve(__dirname, '..');

/** Where `npm start` keeps its state (gitignored). Tests use a temp dir instead. */
/** Where `npm start` keeps its data and state; PICTOR_LOCAL_DIR moves it (tests use a temp dir). */
export const localStateDir = resolve(repoRoot, process.env.PICTOR_LOCAL_DIR ?? '.local');

export const localRegion = 'us-east-1';

/**
 * Fake credentials. s3rver accepts only its built-in key id "S3RVER" (it skips checking SigV4
 * signatures, but not the key id); DynamoDB Local (-sharedDb) and cognito-local take anything.
 */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export const localNames = {
  tableName: 'pictor-local',
  imagesBucket: 'pictor-images-local',
  /** AWS shape (`<region>_` + 9 alphanumerics) so aws-jwt-verify accepts it unchanged. */
  userPoolId: `${localRegion}_PictorLcl`,
  /** 26 lowercase alphanumerics, like a real app client id. */
  userPoolClientId: 'pictorlocalappclient000001',
} as const;

export interface LocalPorts {
  dynamodb: number;
  s3: number;
  cognito: number;
  api: number;
}

/** Env var that overrides each default port; error messages name it. */
export const portEnvNames: Record<keyof LocalPorts, string> = {
  dynamodb: 'PICTOR_DYNAMODB_PORT',
  s3: 'PICTOR_S3_PORT',
  cognito: 'PICTOR_COGNITO_PORT',
  api: 'PICTOR_API_PORT',
};

const defaultPorts: LocalPorts = { dynamodb: 8000, s3: 4569, cognito: 9229, api: 3000 };

export class LocalStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalStackError';
  }
}

/** Default ports, each overridable by its env var. */
export function localPorts(env: NodeJS.ProcessEnv = process.env): LocalPorts {
  const ports = { ...defaultPorts };
  for (const key of Object.keys(ports) as (keyof LocalPorts)[]) {
    const raw = env[portEnvNames[key]];
    if (raw === undefined || raw === '') continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new LocalStackError(`${portEnvNames[key]}=${raw} is not a port number (1-65535).`);
    }
    ports[key] = port;
  }
  return ports;
}

/** The dev stage's values from cdk.json, validated by the same parser the CDK app uses. */
export function devStageValues(): {
  starterCredits: number;
  privacyPolicyVersion: string;
  billing: StageConfig['billing'];
  exports: StageConfig['exports'];
  limits: StageConfig['limits'];
} {
  const cdkJson = JSON.parse(readFileSync(resolve(repoRoot, 'cdk.json'), 'utf8')) as {
    context?: { stages?: unknown };
  };
  const stage = parseStageConfig('dev', cdkJson.context?.stages);
  return {
    starterCredits: stage.starterCredits,
    privacyPolicyVersion: stage.privacyPolicyVersion,
    billing: stage.billing,
    exports: stage.exports,
    limits: stage.limits,
  };
}

/**
 * Env names the local stack sets beyond lambdas/shared/config.ts's `envNames` (shared with tests
 * and the router); the ones the handlers read are taken from there, so each is spelled once.
 */
export const localEnvNames = {
  imagesBucket: envNames.imagesBucket,
  userPoolId: envNames.userPoolId,
  /** The app client the local sign-in and token checks use; no handler reads it. */
  userPoolClientId: 'USER_POOL_CLIENT_ID',
  dynamodbEndpoint: 'AWS_ENDPOINT_URL_DYNAMODB',
  s3Endpoint: envNames.s3Endpoint,
  cognitoEndpoint: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  /** The local SQS endpoint (local/queues); the queue URLs are envNames.generationQueueUrl and friends. */
  sqsEndpoint: 'AWS_ENDPOINT_URL_SQS',
  /**
   * The local Step Functions endpoint (local/stepfunctions); the state machine ARN is
   * envNames.deletionStateMachineArn.
   */
  sfnEndpoint: 'AWS_ENDPOINT_URL_SFN',
  /**
   * The local Secrets Manager endpoint (local/secrets); the secret ids are envNames.userIdHashKeySecretId and friends.
   */
  secretsManagerEndpoint: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
} as const;

/**
 * How fast SQS's clock runs locally: every queue wait (visibility timeouts, DelaySeconds,
 * ChangeMessageVisibility) lasts this fraction of its AWS duration. At 0.01 a generation job
 * that fails is retried 7.2 s later instead of after its 720 s visibility timeout, and a 30 s
 * back-off takes 0.3 s. Worker timeouts are not scaled. PICTOR_QUEUE_TIME_SCALE overrides it
 * (1 runs AWS's real durations).
 */
export const queueTimeScaleEnvName = 'PICTOR_QUEUE_TIME_SCALE';
export const defaultQueueTimeScale = 0.01;

export function queueTimeScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[queueTimeScaleEnvName];
  if (raw === undefined || raw === '') return defaultQueueTimeScale;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new LocalStackError(`${queueTimeScaleEnvName}=${raw} is not a time scale (a number above 0, at most 1).`);
  }
  return scale;
}

/**
 * How fast Step Functions' clock runs locally: Wait states and the pauses between Retry attempts
 * last this fraction of their AWS duration (each attempt keeps its shape: interval × rate^n,
 * capped by MaxDelaySeconds, with full jitter where the retrier asks for it). At 0.01 a 60 s
 * Wait takes 0.6 s. Task and execution timeouts are not scaled: the handlers' work takes real
 * time. PICTOR_STEP_TIME_SCALE overrides it (1 runs AWS's real durations).
 */
export const stepTimeScaleEnvName = 'PICTOR_STEP_TIME_SCALE';
export const defaultStepTimeScale = 0.01;

export function stepTimeScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[stepTimeScaleEnvName];
  if (raw === undefined || raw === '') return defaultStepTimeScale;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new LocalStackError(`${stepTimeScaleEnvName}=${raw} is not a time scale (a number above 0, at most 1).`);
  }
  return scale;
}

export interface LocalEndpoints {
  dynamodb: string;
  s3: string;
  cognito: string;
}

/** The environment the handlers run with locally, as the CDK function construct sets it in AWS. */
export function handlerEnv(endpoints: LocalEndpoints): Record<string, string> {
  const stage = devStageValues();
  return {
    [envNames.awsRegion]: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    [localEnvNames.dynamodbEndpoint]: endpoints.dynamodb,
    [localEnvNames.s3Endpoint]: endpoints.s3,
    [localEnvNames.cognitoEndpoint]: endpoints.cognito,
    [envNames.tableName]: localNames.tableName,
    [envNames.starterCredits]: String(stage.starterCredits),
    [envNames.privacyPolicyVersion]: stage.privacyPolicyVersion,
    [envNames.exportCooldownSeconds]: String(stage.exports.cooldownHours * 3600),
    // Every route's budgets at once: the local stack runs all routes in one process.
    [envNames.routeLimits]: JSON.stringify(routeLimitsOf(routes, resolvedLimits(stage.limits))),
    ...(stage.billing ? { [envNames.billingCatalog]: JSON.stringify(stage.billing) } : {}),
    [localEnvNames.imagesBucket]: localNames.imagesBucket,
    // Offline by default: the local painter and the rule-based moderator. With AWS credentials
    // at hand, IMAGE_PROVIDER=bedrock (and BEDROCK_REGION) in the shell switches to real models.
    [envNames.imageProvider]: process.env[envNames.imageProvider] ?? 'local',
    [envNames.bedrockRegion]: process.env[envNames.bedrockRegion] ?? 'us-west-2',
    [envNames.promptModerator]: 'rules',
    [localEnvNames.userPoolId]: localNames.userPoolId,
    [localEnvNames.userPoolClientId]: localNames.userPoolClientId,
    // As lib/constructs/pictor-function.ts sets them on every function.
    ...lambdaRuntimeDefaults.powertoolsEnv,
  };
}
