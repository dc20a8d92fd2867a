/**
 * grantCapabilities on its own, in a bare stack: every Capability maps to a grant (the switch is
 * exhaustive, so an unmapped one does not even compile; this checks none maps to nothing), and a
 * capability that cannot be granted safely fails the synth instead of deploying half-working.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { grantCapabilities, type CapabilityResources } from '../../lib/constructs/capabilities';
import { PictorFunction } from '../../lib/constructs/pictor-function';
import type { Capability } from '../../lib/routes';

/** Every Capability; a Record so that adding one to the union fails to compile until listed here. */
const everyCapability: Record<Capability, true> = {
  presignImageReads: true,
  presignUploads: true,
  validateUploads: true,
  storeImages: true,
  deleteImages: true,
  enqueueGeneration: true,
  enqueueCleanup: true,
  enqueueExport: true,
  buildExports: true,
  presignExportDownloads: true,
  moderatePrompts: true,
  invokeImageModels: true,
  startAccountDeletion: true,
  readOutbox: true,
  disableSignInUsers: true,
  deleteSignInUsers: true,
  hashUserIds: true,
  removeSubscribers: true,
  readFavorites: true,
  verifyStoreWebhooks: true,
  readStoreCustomers: true,
  readModerationQueue: true,
  publishSafetyAlerts: true,
  runTelegramBot: true,
  sendTelegramMessages: true,
};
const capabilities = Object.keys(everyCapability) as Capability[];

const stage: CapabilityResources['stage'] = {
  images: { provider: 'bedrock', bedrockRegion: 'us-west-2' },
  moderation: { guardrail: { id: 'gr0example01', version: 'DRAFT' } },
  revenueCat: {
    apiKeySecretName: 'pictor/test/revenuecat-api-key',
    apiBaseUrl: 'https://api.revenuecat.com',
    webhookSecretName: 'pictor/test/revenuecat-webhook-authorization',
  },
  telegram: {
    webhookSecretName: 'pictor/test/telegram-webhook-secret',
    botTokenSecretName: 'pictor/test/telegram-bot-token',
    botInfo: { id: 1001, is_bot: true, first_name: 'Pictor', username: 'PictorTestBot' },
  },
};

/** The account-deletion resources a capability may need; each can be left out. */
type DeletionResource = 'userPool' | 'userIdHashKey' | 'deletionStateMachine';

interface FunctionOptions {
  kmsBucket?: boolean;
  queues?: boolean;
  without?: DeletionResource;
  stage?: CapabilityResources['stage'];
}

function functionWith(uses: Capability[], options: FunctionOptions = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'CapabilityTest');
  const bucket = options.kmsBucket
    ? new Bucket(stack, 'Bucket', { encryption: BucketEncryption.KMS, encryptionKey: new Key(stack, 'Key') })
    : new Bucket(stack, 'Bucket', { encryption: BucketEncryption.S3_MANAGED });
  const queues = new Map<Capability, { queue: Queue; urlEnv: string }>();
  if (options.queues !== false) {
    queues.set('enqueueGeneration', { queue: new Queue(stack, 'GenerationQueue'), urlEnv: 'GENERATION_QUEUE_URL' });
    queues.set('enqueueCleanup', { queue: new Queue(stack, 'CleanupQueue'), urlEnv: 'CLEANUP_QUEUE_URL' });
    queues.set('enqueueExport', { queue: new Queue(stack, 'ExportQueue'), urlEnv: 'EXPORT_QUEUE_URL' });
  }
  const deletion: Pick<CapabilityResources, DeletionResource> = {
    userPool: new UserPool(stack, 'UserPool'),
    userIdHashKey: new Secret(stack, 'HashKey'),
    deletionStateMachine: new StateMachine(stack, 'Deletion', {
      definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Pass')),
    }),
  };
  if (options.without) delete deletion[options.without];
  const fn = new PictorFunction(stack, 'Fn', {
    entry: 'lambdas/http/health.ts',
    stage: { logRetentionDays: 30, retainData: false },
  });
  const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const alarmKey = new Key(stack, 'AlarmKey');
  const alarmTopic = { topic: new Topic(stack, 'Alarms', { masterKey: alarmKey }), key: alarmKey };
  grantCapabilities(fn, uses, { bucket, table, queues, stage: options.stage ?? stage, alarmTopic, ...deletion });
  return Template.fromStack(stack);
}

const statementsOf = (template: Template) =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
const variablesOf = (template: Template) =>
  (Object.values(template.findResources('AWS::Lambda::Function'))[0] as any).Properties.Environment.Variables;

describe('grantCapabilities', () => {
  const baseline = functionWith([]);

  it.each(capabilities)('maps %s to at least one permission and the variables its runtime reads', (capability) => {
    const template = functionWith([capability]);
    expect(statementsOf(template).length).toBeGreaterThan(statementsOf(baseline).length);
    expect(Object.keys(variablesOf(template)).length).toBeGreaterThan(Object.keys(variablesOf(baseline)).length);
  });

  it('grants a capability listed twice once', () => {
    expect(statementsOf(functionWith(['presignUploads', 'presignUploads']))).toEqual(
      statementsOf(functionWith(['presignUploads'])),
    );
  });

  it('fails the synth when no queue receives a send capability', () => {
    expect(() => functionWith(['enqueueGeneration'], { queues: false })).toThrow(
      /No worker queue receives 'enqueueGeneration'/,
    );
  });

  it('refuses to grant object access on a KMS-encrypted bucket it would give no key access to', () => {
    expect(() => functionWith(['presignImageReads'], { kmsBucket: true })).toThrow(/KMS key/);
  });

  it.each([
    ['startAccountDeletion', 'deletionStateMachine'],
    ['disableSignInUsers', 'userPool'],
    ['deleteSignInUsers', 'userPool'],
    ['hashUserIds', 'userIdHashKey'],
  ] as const)('fails the synth when %s is granted without the %s', (capability, resource) => {
    expect(() => functionWith([capability], { without: resource })).toThrow(
      new RegExp(`capability '${capability}' needs a resource`),
    );
  });

  it('grants runTelegramBot nothing, and sets no variable, in a stage without a Telegram bot', () => {
    const template = functionWith(['runTelegramBot'], { stage: { ...stage, telegram: {} } });
    expect(statementsOf(template)).toEqual(statementsOf(baseline));
    expect(variablesOf(template)).toEqual(variablesOf(baseline));
  });

  it('gives runTelegramBot the two secret ids and the bot info, never a secret value', () => {
    const variables = variablesOf(functionWith(['runTelegramBot']));
    expect(variables.TELEGRAM_WEBHOOK_SECRET_ID).toBe('pictor/test/telegram-webhook-secret');
    expect(variables.TELEGRAM_BOT_TOKEN_SECRET_ID).toBe('pictor/test/telegram-bot-token');
    expect(JSON.parse(variables.TELEGRAM_BOT_INFO)).toMatchObject({ id: 1001, username: 'PictorTestBot' });
  });

  it('gives sendTelegramMessages the bot token and bot info but not the webhook secret', () => {
    const variables = variablesOf(functionWith(['sendTelegramMessages']));
    expect(variables.TELEGRAM_WEBHOOK_SECRET_ID).toBeUndefined();
    expect(variables.TELEGRAM_BOT_TOKEN_SECRET_ID).toBe('pictor/test/telegram-bot-token');
    expect(JSON.parse(variables.TELEGRAM_BOT_INFO)).toMatchObject({ id: 1001 });
  });

  it('grants removeSubscribers nothing, and sets no variable, in a stage without RevenueCat', () => {
    const noRevenueCat = { ...stage, revenueCat: { apiBaseUrl: 'https://api.revenuecat.com' } };
    const template = functionWith(['removeSubscribers'], { stage: noRevenueCat });
    expect(statementsOf(template)).toEqual(statementsOf(baseline));
    expect(variablesOf(template)).toEqual(variablesOf(baseline));
  });
});
