/**
 * Every cdk-nag finding Pictor accepts, each with the reason it is accepted, in one module so a
 * reviewer reads them all in one place. Each acknowledgement is placed on the narrowest construct
 * that carries the finding (a route, a policy, a function, the user pool), never on a stack or the app,
 * and names the exact finding id (`Rule[Finding]`) where the rule reports several.
 *
 * Findings that can be fixed are fixed instead (SECURITY A1): API access logs and throttling,
 * TLS-only buckets with server access logs, PITR, log retention, a strong password policy. The
 * infra tests fail on any finding left unacknowledged and on any acknowledgement that no longer
 * matches a finding.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
// cdk-nag's own rendering of a resource into a finding id (pinned version): an acknowledgement
// must spell the finding exactly as the rule reports it.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/** The packs every Pictor app is checked against, at synth (bin/app.ts) and in the infra tests. */
export function createNagPacks(scope?: IConstruct): NagPack[] {
  return [new AwsSolutionsChecks(scope), new ServerlessChecks(scope)];
}

/** Acknowledges on the CloudFormation resource itself when `scope` is an L2, so no sibling inherits it. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope.node.defaultChild ?? scope).acknowledge({ id, reason });
}

/** Child construct or a clear failure: an acknowledgement must never silently land on nothing. */
function child(scope: IConstruct, id: string): IConstruct {
  const found = scope.node.tryFindChild(id);
  if (!found) throw new Error(`nag acknowledgement: ${scope.node.path} has no child "${id}"`);
  return found;
}

/**
 * Findings on every Pictor function: `fn` is the NodejsFunction, `role` its own role.
 * Runtime choice and the X-Ray statement that `Tracing.ACTIVE` adds.
 */
export function acknowledgeFunctionDefaults(fn: IConstruct, role: IConstruct): void {
  const runtimeReason =
    'Node.js 22 is pinned on purpose: the project toolchain (the node 22.x devDependency), the ' +
    'esbuild target (node22) and the bundle benchmarks all use it; moving to Node.js 24 is a ' +
    'deliberate toolchain upgrade, not a drift fix.';
  acknowledge(fn, 'AwsSolutions-L1', runtimeReason);
  acknowledge(fn, 'Serverless-LambdaLatestVersion', runtimeReason);
  // Only the Resource::* finding, on the one policy that holds the X-Ray statement; an action
  // wildcard or any other wildcard finding would still fail. The infra IAM test also checks that
  // `*` appears only as the resource of the two X-Ray write actions.
  acknowledge(
    child(role, 'DefaultPolicy'),
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray tracing (Tracing.ACTIVE) needs xray:PutTraceSegments and xray:PutTelemetryRecords, ' +
      'which support no resource-level permissions; every other statement names exact ARNs.',
  );
}

/**
 * Findings on a function that API Gateway invokes synchronously. A DLQ only ever receives events
 * of asynchronous invocations, so it would stay empty; the caller gets the error response.
 */
export function acknowledgeSynchronousFunction(fn: IConstruct): void {
  acknowledge(
    fn,
    'Serverless-LambdaDLQ',
    'Invoked synchronously by API Gateway (request/response): failures return to the client as ' +
      'HTTP errors and no event is left to dead-letter. Async paths get DLQs (SECURITY H3).',
  );
}

/**
 * A route the route table declares `public`; `reason` is how it authenticates itself. (COG4 is
 * the REST API form of the same rule and does not fire on HTTP API routes.)
 */
export function acknowledgePublicRoute(route: IConstruct, reason: string): void {
  acknowledge(route, 'AwsSolutions-APIG4', `Public by design (lib/routes/, SECURITY B1): ${reason}`);
}

/** The user pool: sign-in is passwordless by intent, and threat protection is a Plus-plan feature. */
export function acknowledgeUserPool(userPool: IConstruct): void {
  acknowledge(
    userPool,
    'AwsSolutions-COG2',
    'The intended first factors are an emailed one-time code (USER_AUTH with EMAIL_OTP) and Sign ' +
      'in with Apple/Google, where the provider owns the credential. Cognito requires PASSWORD to ' +
      'stay an allowed factor; anyone who sets one meets the strong password policy (COG1). An ' +
      'email second factor would send a second code to the same inbox. Revisit (TOTP or passkey MFA) ' +
      'if password sign-ins become common.',
  );
  acknowledge(
    userPool,
    'AwsSolutions-COG8',
    'Threat protection needs the Cognito Plus feature plan; Pictor runs on Essentials (email ' +
      'one-time codes) and limits abuse with short-lived tokens, API throttling and per-user limits ' +
      'in the app (SECURITY G1/G2). Revisit if credential stuffing or account takeover appears.',
  );
}

/**
 * An S3 object grant under a key prefix (`<bucket>/users/*`, `<bucket>/uploads/*`), on the role's
 * policy. `resource` must already be in the form CloudFormation will see (the bucket ARN imported
 * by its export, see ApiStack), because the finding id contains it.
 */
export function acknowledgeObjectPrefixGrant(role: IConstruct, resource: string): void {
  const policy = child(role, 'DefaultPolicy');
  acknowledge(
    policy,
    `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(policy).resolve(resource))}]`,
    'Object permissions end at a key prefix of the one images bucket (users/ or uploads/): app users ' +
      'are not IAM principals, so IAM cannot name their keys. The handler builds every key from the ' +
      "caller's token-derived user id, never from request input (SECURITY B2); listing is allowed " +
      'only with a prefix inside these two.',
  );
}

/** A function fed by an SQS event source mapping: `fn` is the NodejsFunction, `mapping` its event source mapping. */
export function acknowledgeQueueWorker(fn: IConstruct, mapping: IConstruct): void {
  acknowledge(
    fn,
    'Serverless-LambdaDLQ',
    'Invoked by an SQS event source mapping, never asynchronously: a function DLQ would stay empty. ' +
      "A job that keeps failing moves to its queue's dead-letter queue (redrive policy), which is alarmed.",
  );
  acknowledge(
    mapping,
    'Serverless-LambdaEventSourceMappingDestination',
    'Lambda offers on-failure destinations for stream and Kafka sources only; for an SQS source the ' +
      "failure path is the queue's redrive policy to its alarmed dead-letter queue (SECURITY H3).",
  );
}

/** A function an EventBridge schedule runs: `fn` is the NodejsFunction, `rule` its schedule. */
export function acknowledgeScheduledFunction(fn: IConstruct, rule: IConstruct): void {
  const reason =
    'A scheduled sweep carries no payload: a failed or dropped run loses nothing, since the next ' +
    'run, a minute later, reads the same state from the table. Failures are alarmed on the ' +
    "function's Errors metric instead (SECURITY H3).";
  acknowledge(fn, 'Serverless-LambdaDLQ', reason);
  acknowledge(rule, 'Serverless-EventBusDLQ', reason);
}

/** A dead-letter queue: the end of its line, so it has no redrive policy of its own. */
export function acknowledgeDeadLetterQueue(queue: IConstruct): void {
  acknowledge(
    queue,
    'Serverless-SQSRedrivePolicy',
    'This queue is a dead-letter queue: nothing consumes it automatically, an alarm fires on its ' +
      'first message, and an operator redrives it to the source queue once the cause is fixed.',
  );
}

/** The email subscription of the alarm topic. */
export function acknowledgeAlarmEmailSubscription(subscription: IConstruct): void {
  acknowledge(
    subscription,
    'Serverless-SNSRedrivePolicy',
    'An alarm notification that cannot be emailed has nowhere more useful to go: SNS retries email ' +
      'delivery itself, and the alarm state and history stay in CloudWatch.',
  );
}

/** The user-id hash key cannot rotate: hashes made with the old key would no longer match. */
export function acknowledgeUnrotatedHashKey(secret: IConstruct): void {
  acknowledge(
    secret,
    'AwsSolutions-SMG4',
    'The HMAC key that keys retained records and deletion receipts by user id: rotating it would ' +
      'make every existing receipt unfindable. It never leaves Secrets Manager except into the ' +
      'deletion functions that hash with it.',
  );
}

/**
 * The deletion workflow's task functions are invoked by Step Functions (request/response): a
 * failure returns to the state machine, whose Retry and Catch handle it; no event is left to dead-letter.
 */
export function acknowledgeWorkflowTask(fn: IConstruct): void {
  acknowledge(
    fn,
    'Serverless-LambdaDLQ',
    'Invoked synchronously by Step Functions: failures return to the state machine, whose Retry, ' +
      'Catch and alarmed failure path handle them (SECURITY E3, H3).',
  );
}

/**
 * The deletion state machine's role: invoking each step function (CDK's grant adds the
 * function's versions, `<arn>:*`), and the log-delivery and X-Ray actions Step Functions needs,
 * which take no resource-level permissions.
 */
export function acknowledgeStateMachineRole(role: IConstruct, functionArns: readonly string[]): void {
  const policy = child(role, 'DefaultPolicy');
  for (const arn of functionArns) {
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(policy).resolve(arn))}:*]`,
      'lambda:InvokeFunction on one deletion step function and its versions (CDK grants both so a ' +
        'qualified invoke works); no other function is reachable.',
    );
  }
  acknowledge(
    policy,
    'AwsSolutions-IAM5[Resource::*]',
    'Step Functions log delivery (logs:CreateLogDelivery and friends) and X-Ray tracing ' +
      '(xray:PutTraceSegments and friends) support no resource-level permissions.',
  );
}
