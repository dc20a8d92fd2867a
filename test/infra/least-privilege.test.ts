/**
 * SECURITY A2: every function's role holds exactly the grants its allowlist names, resource by
 * resource, read from the synthesized template (every IAM statement of the API stack), and the
 * deletion state machine's role may only invoke the workflow's steps. The allowlist below is the
 * review gate: giving a route, worker or workflow step a new capability, or changing what a
 * capability means, fails here until a reviewer updates it.
 */
import { models } from '../../lambdas/domain/generations/models';
import { hasCounters, resolvedLimits } from '../../lambdas/domain/limits/limit-classes';
import { type Capability, routes, type TableAccess } from '../../lib/routes';
import { routeKeyOf, routeLimitEntry } from '../../lib/routes/route-limits';
import {
  cdkJsonStages,
  resourcesOfType,
  synthDev,
  synthFull,
  synthPictor,
  type SynthesizedPictor,
} from '../support/synth';
import {
  environmentOf,
  functionsUnderTest,
  grantsOf,
  logicalIdOf,
  statefulLogicalIdOf,
  type FunctionUnderTest,
} from './function-grants';

const dev = synthDev();
const full = synthFull();
const localImages = synthPictor('dev', {
  dev: { ...(cdkJsonStages.dev as object), images: { provider: 'local' } },
});

/** What each function may touch. Adding a capability to a route or worker is a security review. */
const allowlist: Record<string, { table: TableAccess; uses: Capability[] }> = {
  Health: { table: 'none', uses: [] },
  GetMe: { table: 'readWrite', uses: [] },
  UpdateMe: { table: 'readWrite', uses: [] },
  RecordConsents: { table: 'readWrite', uses: [] },
  DeleteMe: { table: 'readWrite', uses: ['startAccountDeletion'] },
  GetDeletion: { table: 'read', uses: [] },
  GetCredits: { table: 'readWrite', uses: [] },
  GetMyData: { table: 'none', uses: [] },
  ListModels: { table: 'none', uses: [] },
  GetPlans: { table: 'none', uses: [] },
  // Public, but holds only its own secret: the table writes are the receipt and the effect.
  RevenueCatWebhook: { table: 'readWrite', uses: ['verifyStoreWebhooks'] },
  // Sync reads the caller's RevenueCat customer with the stage's API key, and applies it as the webhook does.
  SyncSubscription: { table: 'readWrite', uses: ['readStoreCustomers'] },
  ReconcileSubscriptions: { table: 'readWrite', uses: ['readStoreCustomers'] },
  // Public, holding only the bot's two secrets: the table writes are the seen updates, identities and effects.
  TelegramWebhook: {
    table: 'readWrite',
    uses: ['runTelegramBot', 'moderatePrompts', 'enqueueGeneration', 'startAccountDeletion'],
  },
  CreateConversation: { table: 'readWrite', uses: [] },
  ListConversations: { table: 'read', uses: [] },
  GetConversation: { table: 'read', uses: ['presignImageReads'] },
  RenameConversation: { table: 'readWrite', uses: [] },
  DeleteConversation: { table: 'readWrite', uses: ['enqueueCleanup'] },
  CreateGeneration: { table: 'readWrite', uses: ['moderatePrompts', 'enqueueGeneration'] },
  GetGeneration: { table: 'read', uses: ['presignImageReads'] },
  GetImage: { table: 'read', uses: ['presignImageReads'] },
  DeleteImage: { table: 'readWrite', uses: ['enqueueCleanup'] },
  CreateUpload: { table: 'readWrite', uses: ['presignUploads'] },
  CompleteUpload: { table: 'readWrite', uses: ['validateUploads'] },
  GetUpload: { table: 'read', uses: ['presignImageReads'] },
  // The library (issue 11, part A): only the list reads the favorites index.
  ListImages: { table: 'read', uses: ['presignImageReads', 'readFavorites'] },
  FavoriteImage: { table: 'readWrite', uses: ['presignImageReads'] },
  UnfavoriteImage: { table: 'readWrite', uses: ['presignImageReads'] },
  RecordImageAction: { table: 'readWrite', uses: [] },
  // Share links (docs/sharing.md): the public routes read only, and only the image route presigns.
  CreateShareLink: { table: 'readWrite', uses: [] },
  ListShareLinks: { table: 'read', uses: [] },
  RevokeShareLink: { table: 'readWrite', uses: [] },
  OpenSharePage: { table: 'read', uses: [] },
  OpenSharedImage: { table: 'read', uses: ['presignImageReads'] },
  GenerationWorker: { table: 'readWrite', uses: ['invokeImageModels', 'storeImages', 'sendTelegramMessages'] },
  CleanupWorker: { table: 'none', uses: ['deleteImages'] },
  OutboxSweeper: {
    table: 'readWrite',
    uses: ['readOutbox', 'enqueueGeneration', 'enqueueCleanup', 'enqueueExport', 'startAccountDeletion'],
  },
  // Data exports (issue 14): only the worker reads a person's objects; the GET route presigns exports/ alone.
  RequestExport: { table: 'readWrite', uses: ['enqueueExport'] },
  GetExport: { table: 'read', uses: ['presignExportDownloads'] },
  ExportWorker: { table: 'readWrite', uses: ['buildExports', 'enqueueExport'] },
  // The account-deletion workflow's steps: the only holders of Cognito admin actions and the hash key.
  MarkDeleting: { table: 'readWrite', uses: [] },
  DisableSignIn: { table: 'none', uses: ['disableSignInUsers'] },
  RemoveSubscriber: { table: 'none', uses: ['removeSubscribers'] },
  PurgeObjects: { table: 'none', uses: ['deleteImages'] },
  PurgeItems: { table: 'readWrite', uses: ['hashUserIds'] },
  WriteRetainedRecords: { table: 'readWrite', uses: ['hashUserIds'] },
  DeleteSignInUser: { table: 'none', uses: ['deleteSignInUsers'] },
  WriteReceipt: { table: 'readWrite', uses: ['hashUserIds'] },
  RecordFailure: { table: 'readWrite', uses: [] },
  // Reports and moderation (issue 11, part C): safety alerts to the alarm topic; the queue index; the
  // resolution's take-down, suspension and deletion.
  FileReport: { table: 'readWrite', uses: ['publishSafetyAlerts'] },
  ListReports: { table: 'read', uses: [] },
  ReportShare: { table: 'readWrite', uses: ['publishSafetyAlerts'] },
  ListModerationQueue: { table: 'read', uses: ['readModerationQueue'] },
  GetModerationReport: { table: 'read', uses: ['presignImageReads'] },
  ResolveReport: { table: 'readWrite', uses: ['enqueueCleanup', 'disableSignInUsers', 'startAccountDeletion'] },
  ListModerationAudit: { table: 'read', uses: [] },
};

// The specification, restated here on purpose rather than imported from lib/constructs.
const bucket = '${ImagesBucket.Arn}';
const userImages = `${bucket}/users/*`;
const uploads = `${bucket}/uploads/*`;
const exportsArchive = `${bucket}/exports/*`;
const table = '${PictorTable.Arn}';
const userPool = '${UserPool.Arn}';
const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const tableActions: Record<TableAccess, string[]> = {
  none: [],
  read: readActions,
  readWrite: [
    ...readActions,
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
};
/** What Lambda's SQS event source needs on the worker's own queue. */
const consumeActions = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];
/** What Step Functions needs to deliver a state machine's logs (no resource-level permissions), and to trace. */
const logDeliveryActions = [
  ...[
    'logs:CreateLogDelivery',
    'logs:GetLogDelivery',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries',
  ],
  ...['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
];
const stateMachineXrayActions = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
];
/** grantRead on a secret without a customer-managed key: these two, and no kms:Decrypt. */
const secretReads = (arn: string) => [`secretsmanager:GetSecretValue ${arn}`, `secretsmanager:DescribeSecret ${arn}`];

const queueArn = (synth: SynthesizedPictor, workerId: string) =>
  `\${${logicalIdOf(synth, synth.stacks.api.workers.get(workerId)!.queue)}.Arn}`;
const account = (synth: SynthesizedPictor) => synth.config.account ?? '${AWS::AccountId}';
const stateMachineRoleId = (synth: SynthesizedPictor) =>
  logicalIdOf(synth, synth.stacks.api.deletion.stateMachine.role);
const stateMachine = (synth: SynthesizedPictor) => `\${${logicalIdOf(synth, synth.stacks.api.deletion.stateMachine)}}`;
/** The hash key secret's ARN (its Ref), imported from the stateful stack. */
const hashKey = (synth: SynthesizedPictor) => `\${${statefulLogicalIdOf(synth, synth.stacks.stateful.userIdHashKey)}}`;
/** The RevenueCat key, known by name: its ARN ends in `-` and the six characters Secrets Manager appends. */
function revenueCatKey(synth: SynthesizedPictor): string | undefined {
  const name = synth.config.revenueCat.apiKeySecretName;
  return (
    name && `arn:aws:secretsmanager:${synth.config.region ?? '${AWS::Region}'}:${account(synth)}:secret:${name}-??????`
  );
}

/** The Telegram bot's secrets the stage names (none in a stage without a bot). */
function telegramSecrets(synth: SynthesizedPictor, which: 'webhook' | 'sends'): string[] {
  const { webhookSecretName, botTokenSecretName } = synth.config.telegram;
  return (which === 'webhook' ? [webhookSecretName, botTokenSecretName] : [botTokenSecretName])
    .filter((name): name is string => name !== undefined)
    .map(
      (name) =>
        `arn:aws:secretsmanager:${synth.config.region ?? '${AWS::Region}'}:${account(synth)}:secret:${name}-??????`,
    );
}

function webhookSecret(synth: SynthesizedPictor): string | undefined {
  const name = synth.config.revenueCat.webhookSecretName;
  return (
    name && `arn:aws:secretsmanager:${synth.config.region ?? '${AWS::Region}'}:${account(synth)}:secret:${name}-??????`
  );
}

/** Each capability's grants. A Record, so a new Capability does not compile until it is specified here too. */
function capabilityGrants(synth: SynthesizedPictor): Record<Capability, string[]> {
  const { images, moderation } = synth.config;
  const guardrail = moderation.guardrail;
  return {
    presignImageReads: [`s3:GetObject ${userImages}`, `s3:GetObject ${uploads}`],
    presignUploads: [`s3:PutObject ${uploads}`],
    validateUploads: [`s3:GetObject ${uploads}`, `s3:PutObject ${uploads}`, `s3:DeleteObject ${uploads}`],
    storeImages: [`s3:GetObject ${userImages}`, `s3:PutObject ${userImages}`, `s3:GetObject ${uploads}`],
    deleteImages: [
      `s3:ListBucket ${bucket} if {"StringLike":{"s3:prefix":["users/*","uploads/*","exports/*"]}}`,
      `s3:DeleteObject ${userImages}`,
      `s3:DeleteObject ${uploads}`,
      `s3:DeleteObject ${exportsArchive}`,
    ],
    enqueueGeneration: [`sqs:SendMessage ${queueArn(synth, 'GenerationWorker')}`],
    enqueueCleanup: [`sqs:SendMessage ${queueArn(synth, 'CleanupWorker')}`],
    enqueueExport: [`sqs:SendMessage ${queueArn(synth, 'ExportWorker')}`],
    buildExports: [
      `s3:ListBucket ${bucket} if {"StringLike":{"s3:prefix":["users/*","uploads/*"]}}`,
      `s3:GetObject ${userImages}`,
      `s3:GetObject ${uploads}`,
      `s3:PutObject ${exportsArchive}`,
      `s3:GetObject ${exportsArchive}`,
    ],
    presignExportDownloads: [`s3:GetObject ${exportsArchive}`],
    moderatePrompts: guardrail
      ? [`bedrock:ApplyGuardrail arn:aws:bedrock:${images.bedrockRegion}:${account(synth)}:guardrail/${guardrail.id}`]
      : [],
    invokeImageModels:
      images.provider === 'bedrock'
        ? models.map(
            (m) => `bedrock:InvokeModel arn:aws:bedrock:${images.bedrockRegion}::foundation-model/${m.bedrockModelId}`,
          )
        : [],
    startAccountDeletion: [`states:StartExecution ${stateMachine(synth)}`],
    readOutbox: [`dynamodb:Query ${table}/index/outbox`],
    readFavorites: [`dynamodb:Query ${table}/index/favorites`],
    disableSignInUsers: [`cognito-idp:AdminDisableUser ${userPool}`, `cognito-idp:AdminUserGlobalSignOut ${userPool}`],
    deleteSignInUsers: [`cognito-idp:AdminDeleteUser ${userPool}`],
    hashUserIds: secretReads(hashKey(synth)),
    // Nothing at all in a stage without RevenueCat.
    removeSubscribers: revenueCatKey(synth) ? secretReads(revenueCatKey(synth)!) : [],
    readStoreCustomers: revenueCatKey(synth) ? secretReads(revenueCatKey(synth)!) : [],
    verifyStoreWebhooks: webhookSecret(synth) ? secretReads(webhookSecret(synth)!) : [],
    readModerationQueue: [`dynamodb:Query ${table}/index/moderationQueue`],
    runTelegramBot: telegramSecrets(synth, 'webhook').flatMap(secretReads),
    sendTelegramMessages: telegramSecrets(synth, 'sends').flatMap(secretReads),
    publishSafetyAlerts: [
      `sns:Publish \${${logicalIdOf(synth, synth.stacks.api.alarms.topic)}}`,
      `kms:GenerateDataKey \${${logicalIdOf(synth, synth.stacks.api.alarms.key)}.Arn}`,
      `kms:Decrypt \${${logicalIdOf(synth, synth.stacks.api.alarms.key)}.Arn}`,
    ],
  };
}

/**
 * The request limiter's grants (docs/abuse.md): a route whose limit class keeps counters may raise
 * them, on `LIMIT#` partitions alone when it may not otherwise write, and reads the hash key that
 * keys the source-IP hash when the class counts per IP.
 */
function limitGrants(synth: SynthesizedPictor, f: FunctionUnderTest): string[] {
  const route = f.kind === 'route' ? routes.find((r) => r.id === f.id) : undefined;
  if (!route) return [];
  const policy = resolvedLimits(synth.config.limits)[route.limit];
  if (!hasCounters(policy)) return [];
  const counters = `dynamodb:UpdateItem ${table} if {"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["LIMIT#*"]}}`;
  return [...(route.table === 'readWrite' ? [] : [counters]), ...(policy.perIp ? secretReads(hashKey(synth)) : [])];
}

function expectedGrants(synth: SynthesizedPictor, f: FunctionUnderTest): string[] {
  const { table: access, uses } = allowlist[f.id];
  const byCapability = capabilityGrants(synth);
  return [
    ...new Set([
      `logs:CreateLogStream \${${f.logGroupId}.Arn}`,
      `logs:PutLogEvents \${${f.logGroupId}.Arn}`,
      'xray:PutTraceSegments *',
      'xray:PutTelemetryRecords *',
      ...tableActions[access].flatMap((action) => [`${action} ${table}`, `${action} ${table}/index/gsi1`]),
      ...(f.kind === 'worker' ? consumeActions.map((action) => `${action} ${queueArn(synth, f.id)}`) : []),
      ...uses.flatMap((capability) => byCapability[capability]),
      ...limitGrants(synth, f),
    ]),
  ].sort();
}

const stages: [string, SynthesizedPictor][] = [
  ['dev (no guardrail)', dev],
  ['full (guardrail, other Bedrock region)', full],
  ['dev with the local image provider', localImages],
];

describe.each(stages)('least privilege in %s', (_name, synth) => {
  const functions = functionsUnderTest(synth);

  it('has an allowlist entry for every function, and none for a function that does not exist', () => {
    expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(allowlist).sort());
  });

  it("gives every function its own role with no managed policies; no other role exists but the state machine's", () => {
    const roles = resourcesOfType(synth.api, 'AWS::IAM::Role');
    expect(Object.keys(roles).sort()).toEqual([...functions.map((f) => f.roleId), stateMachineRoleId(synth)].sort());
    for (const [id, role] of Object.entries(roles)) {
      expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
      const service = id === stateMachineRoleId(synth) ? 'states.amazonaws.com' : 'lambda.amazonaws.com';
      expect(role.Properties!.AssumeRolePolicyDocument.Statement.map((s: any) => s.Principal)).toEqual([
        { Service: service },
      ]);
    }
  });

  it('attaches every IAM policy to a function role or the state machine role', () => {
    const roleIds = new Set([...functions.map((f) => f.roleId), stateMachineRoleId(synth)]);
    for (const policy of Object.values(resourcesOfType(synth.api, 'AWS::IAM::Policy'))) {
      for (const role of policy.Properties!.Roles) expect(roleIds).toContain(role.Ref);
    }
  });

  it.each(functions)('allows $id exactly its allowlisted grants', (f) => {
    expect(grantsOf(synth, f.roleId)).toEqual(expectedGrants(synth, f));
  });

  it('lets the deletion state machine invoke exactly the step functions (and versions), deliver logs and trace', () => {
    const steps = functions.filter((f) => f.kind === 'workflowStep');
    expect(steps.length).toBeGreaterThan(0);
    const invoke = steps.flatMap((f) => [
      `lambda:InvokeFunction \${${f.functionId}.Arn}`,
      `lambda:InvokeFunction \${${f.functionId}.Arn}:*`,
    ]);
    const noResource = [...logDeliveryActions, ...stateMachineXrayActions].map((action) => `${action} *`);
    expect(grantsOf(synth, stateMachineRoleId(synth))).toEqual([...invoke, ...noResource].sort());
  });

  it('uses no wildcard action, and no wildcard resource but X-Ray, the three object prefixes and a secret', () => {
    for (const f of functions) {
      for (const grant of grantsOf(synth, f.roleId)) {
        const [action, resource] = grant.split(' ');
        expect({ f: f.id, action }).toEqual({ f: f.id, action: expect.stringMatching(/^[a-z0-9-]+:[A-Za-z]+$/) });
        if (!/[*?]/.test(resource)) continue;
        const allowed =
          (resource === '*' && action.startsWith('xray:')) || // X-Ray's write actions take no resource
          resource === userImages ||
          resource === uploads ||
          resource === exportsArchive ||
          // `-??????`: the secret's suffix
          ((resource === revenueCatKey(synth) || resource === webhookSecret(synth)) &&
            action.startsWith('secretsmanager:'));
        expect({ f: f.id, grant, allowed }).toEqual({ f: f.id, grant, allowed: true });
      }
    }
  });

  it('lets only the generation worker call image models, and only on the registry models', () => {
    const callers = functions.filter((f) =>
      grantsOf(synth, f.roleId).some((g) => g.startsWith('bedrock:InvokeModel ')),
    );
    if (synth.config.images.provider === 'local') {
      expect(callers).toEqual([]);
      return;
    }
    expect(callers.map((f) => f.id)).toEqual(['GenerationWorker']);
    const arns = grantsOf(synth, callers[0].roleId)
      .filter((g) => g.startsWith('bedrock:InvokeModel '))
      .map((g) => g.split(' ')[1]);
    const region = synth.config.images.bedrockRegion;
    expect(arns.sort()).toEqual(
      models.map((m) => `arn:aws:bedrock:${region}::foundation-model/${m.bedrockModelId}`).sort(),
    );
  });

  it('allows ApplyGuardrail only with a guardrail, and only to the prompt moderators (the API and the bot)', () => {
    const appliers = functions.filter((f) =>
      grantsOf(synth, f.roleId).some((g) => g.startsWith('bedrock:ApplyGuardrail ')),
    );
    expect(appliers.map((f) => f.id)).toEqual(
      synth.config.moderation.guardrail ? ['CreateGeneration', 'TelegramWebhook'] : [],
    );
  });

  it('lets only RemoveSubscriber, sync and the reconciliation read the RevenueCat key, only with RevenueCat', () => {
    const readsApiKey = (g: string) =>
      g.startsWith('secretsmanager:GetSecretValue ') &&
      !g.endsWith(` ${hashKey(synth)}`) &&
      !g.endsWith(` ${webhookSecret(synth)}`);
    const readers = functions.filter((f) => grantsOf(synth, f.roleId).some(readsApiKey));
    const expected = ['ReconcileSubscriptions', 'RemoveSubscriber', 'SyncSubscription'];
    expect(readers.map((f) => f.id).sort()).toEqual(synth.config.revenueCat.apiKeySecretName ? expected : []);
  });

  it('lets only the RevenueCat webhook read its authorization secret', () => {
    const secret = webhookSecret(synth);
    const readers = functions.filter((f) =>
      grantsOf(synth, f.roleId).some((g) => g === `secretsmanager:GetSecretValue ${secret}`),
    );
    expect(readers.map((f) => f.id)).toEqual(secret ? ['RevenueCatWebhook'] : []);
  });
});

describe.each(stages)('environment in %s', (_name, synth) => {
  const functions = functionsUnderTest(synth);
  const uses = (f: FunctionUnderTest, capability: Capability) => allowlist[f.id].uses.includes(capability);
  const limits = resolvedLimits(synth.config.limits);
  const limitEntryOf = (f: FunctionUnderTest) => {
    const route = f.kind === 'route' ? routes.find((r) => r.id === f.id) : undefined;
    return route && routeLimitEntry(route, limits);
  };
  const s3Capabilities: Capability[] = [
    'presignImageReads',
    'presignUploads',
    'validateUploads',
    'storeImages',
    'deleteImages',
    'buildExports',
    'presignExportDownloads',
  ];

  it.each(functions)('names the images bucket, the queues and the table to $id only if it may use them', (f) => {
    const env = environmentOf(synth, f.functionId);
    const queueUrl = (workerId: string) => `\${${logicalIdOf(synth, synth.stacks.api.workers.get(workerId)!.queue)}}`;
    expect(env.IMAGES_BUCKET).toBe(s3Capabilities.some((c) => uses(f, c)) ? '${ImagesBucket}' : undefined);
    // Senders get the queue's URL, and so does the worker itself (it postpones retries on its own queue).
    expect(env.GENERATION_QUEUE_URL).toBe(
      uses(f, 'enqueueGeneration') || f.id === 'GenerationWorker' ? queueUrl('GenerationWorker') : undefined,
    );
    expect(env.CLEANUP_QUEUE_URL).toBe(
      uses(f, 'enqueueCleanup') || f.id === 'CleanupWorker' ? queueUrl('CleanupWorker') : undefined,
    );
    expect(env.EXPORT_QUEUE_URL).toBe(
      uses(f, 'enqueueExport') || f.id === 'ExportWorker' ? queueUrl('ExportWorker') : undefined,
    );
    expect(env.EXPORT_COOLDOWN_SECONDS).toBe(
      uses(f, 'enqueueExport') ? String(synth.config.exports.cooldownHours * 3600) : undefined,
    );
    expect(env.TABLE_NAME).toBe(allowlist[f.id].table === 'none' ? undefined : '${PictorTable}');
    // Path-style S3 is for the local emulator only.
    expect(env.S3_FORCE_PATH_STYLE).toBeUndefined();
  });

  it.each(functions)(
    'names the user pool, the hash key, the state machine and RevenueCat to $id only if it holds the capability',
    (f) => {
      const env = environmentOf(synth, f.functionId);
      expect(env.USER_POOL_ID).toBe(
        uses(f, 'disableSignInUsers') || uses(f, 'deleteSignInUsers') ? '${UserPool}' : undefined,
      );
      // The limiter keys its source-IP hash with the same secret.
      const hashesIps = limitEntryOf(f)?.perIp !== undefined;
      expect(env.USER_ID_HASH_KEY_SECRET_ID).toBe(uses(f, 'hashUserIds') || hashesIps ? hashKey(synth) : undefined);
      expect(env.DELETION_STATE_MACHINE_ARN).toBe(uses(f, 'startAccountDeletion') ? stateMachine(synth) : undefined);
      const { apiKeySecretName, apiBaseUrl } = synth.config.revenueCat;
      expect([env.REVENUECAT_API_BASE_URL, env.REVENUECAT_API_KEY_SECRET_ID]).toEqual(
        (uses(f, 'removeSubscribers') || uses(f, 'readStoreCustomers')) && apiKeySecretName
          ? [apiBaseUrl, apiKeySecretName]
          : [undefined, undefined],
      );
    },
  );

  it.each(functions)("gives $id its own route's budgets only, and only if its limit class keeps counters", (f) => {
    const env = environmentOf(synth, f.functionId);
    const entry = limitEntryOf(f);
    const route = routes.find((r) => r.id === f.id);
    expect(env.ROUTE_LIMITS && JSON.parse(env.ROUTE_LIMITS)).toEqual(
      entry && route ? { [routeKeyOf(route)]: entry } : undefined,
    );
  });

  it('tells the prompt moderator which moderator to use, and the guardrail only when there is one', () => {
    const moderators = functions.filter((f) => uses(f, 'moderatePrompts'));
    expect(moderators.map((f) => f.id)).toEqual(['CreateGeneration', 'TelegramWebhook']);
    const env = environmentOf(synth, moderators[0].functionId);
    const guardrail = synth.config.moderation.guardrail;
    if (guardrail) {
      expect(env).toMatchObject({
        PROMPT_MODERATOR: 'guardrail',
        GUARDRAIL_ID: guardrail.id,
        GUARDRAIL_VERSION: guardrail.version,
        BEDROCK_REGION: synth.config.images.bedrockRegion,
      });
    } else {
      expect(env.PROMPT_MODERATOR).toBe('rules');
      expect([env.GUARDRAIL_ID, env.GUARDRAIL_VERSION, env.BEDROCK_REGION]).toEqual([undefined, undefined, undefined]);
    }
    for (const f of functions.filter((other) => !uses(other, 'moderatePrompts'))) {
      expect({ f: f.id, moderator: environmentOf(synth, f.functionId).PROMPT_MODERATOR }).toEqual({
        f: f.id,
        moderator: undefined,
      });
    }
  });

  it('tells the generation worker its image provider, Bedrock region and its queue maxReceiveCount', () => {
    const worker = functions.find((f) => f.id === 'GenerationWorker')!;
    const env = environmentOf(synth, worker.functionId);
    const { provider, bedrockRegion } = synth.config.images;
    expect(env.IMAGE_PROVIDER).toBe(provider);
    expect(env.BEDROCK_REGION).toBe(provider === 'bedrock' ? bedrockRegion : undefined);
    const queueId = logicalIdOf(synth, synth.stacks.api.workers.get('GenerationWorker')!.queue);
    const queue = resourcesOfType(synth.api, 'AWS::SQS::Queue')[queueId];
    expect(env.GENERATION_MAX_ATTEMPTS).toBe(String(queue.Properties!.RedrivePolicy.maxReceiveCount));
    // The other workers act the same on every delivery and are not told.
    for (const f of functions.filter((other) => other.id !== 'GenerationWorker')) {
      expect({ f: f.id, attempts: environmentOf(synth, f.functionId).GENERATION_MAX_ATTEMPTS }).toEqual({
        f: f.id,
        attempts: undefined,
      });
    }
  });
});
