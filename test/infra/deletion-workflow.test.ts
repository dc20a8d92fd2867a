/**
 * The account-deletion workflow as it deploys (SECURITY E2, E3, A2, H3): the synthesized state
 * machine definition, parsed with its intrinsics resolved, holds the retry, timeout, catch and
 * resume paths the design asks for; only the workflow's roles may administer sign-in users; its
 * failures alarm; and the user-id hash key is kept with the data. The specification is restated
 * here on purpose rather than read from the construct.
 */
import { allDeletionSteps, deletionSteps } from '../../lib/deletion-workflow';
import { resolveIntrinsics, type IntrinsicScope } from '../../local/stepfunctions/intrinsics';
import { resourcesOfType, synthDev, synthFull, type SynthesizedPictor, type TemplateResource } from '../support/synth';
import { logicalIdOf, statefulLogicalIdOf } from './function-grants';

const dev = synthDev();
const full = synthFull();

interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}
interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}
interface ChoiceRule {
  Variable: string;
  Next: string;
  StringEquals?: string;
  BooleanEquals?: boolean;
}
/** The fields of an ASL state these tests read. */
interface State {
  Type: string;
  Next?: string;
  Default?: string;
  Resource?: string;
  TimeoutSeconds?: number;
  Seconds?: number;
  Parameters?: Record<string, unknown>;
  ResultPath?: string | null;
  Result?: unknown;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: ChoiceRule[];
}
interface Definition {
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, State>;
}

/** What Retry must list: Lambda's service errors, the steps' own transient error and a Task timeout. */
const retriedErrors = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'TransientStepError',
  'States.Timeout',
];
const recordFailure = 'RecordFailure';
const resumeChoice = 'ResumeFailedStep';

/**
 * Intrinsics as placeholders (`${Logical.Arn}`, `${Logical}`), so the JSON parses and a Task's
 * Resource names its function.
 */
const placeholders: IntrinsicScope = {
  pseudoParameter: (name) => `\${${name}}`,
  ref: (logicalId) => `\${${logicalId}}`,
  getAtt: (logicalId, attribute) => `\${${logicalId}.${attribute}}`,
  importValue: (name) => `\${import ${name}}`,
};

function machineOf(synth: SynthesizedPictor): TemplateResource {
  return resourcesOfType(synth.api, 'AWS::StepFunctions::StateMachine')[
    logicalIdOf(synth, synth.stacks.api.deletion.stateMachine)
  ];
}

function definitionOf(synth: SynthesizedPictor): Definition {
  const text = resolveIntrinsics(machineOf(synth).Properties!.DefinitionString, placeholders, 'DefinitionString');
  return JSON.parse(text as string) as Definition;
}

const tasksOf = (definition: Definition) =>
  Object.entries(definition.States).filter(([, state]) => state.Type === 'Task');
const functionArn = (synth: SynthesizedPictor, stepId: string) =>
  `\${${logicalIdOf(synth, synth.stacks.api.deletion.functions.get(stepId)!.function)}.Arn}`;

/** The states a caught failure of `task` goes through, as `<name> <Type>`, until it is back at `task` (or lost). */
function failurePath(definition: Definition, task: string): string[] {
  const catcher = definition.States[task].Catch?.find((c) => c.ErrorEquals.includes('States.ALL'));
  const path: string[] = [];
  let failedStep: unknown;
  for (let name = catcher?.Next; name !== undefined && path.length < 10; ) {
    const state = definition.States[name];
    path.push(`${name} ${state?.Type}`);
    if (name === task || !state) break;
    if (state.Type === 'Pass' && state.ResultPath === '$.failedStep') failedStep = state.Result;
    if (state.Type === 'Choice') {
      name =
        state.Choices!.find((c) => c.Variable === '$.failedStep' && c.StringEquals === failedStep)?.Next ??
        state.Default;
    } else {
      name = state.Next;
    }
  }
  return path;
}

describe('the deletion state machine', () => {
  const definition = definitionOf(dev);
  const tasks = tasksOf(definition);

  it('is the one Standard state machine, logging ALL to a log group, traced, and stopped after 24 hours', () => {
    dev.api.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const properties = machineOf(dev).Properties!;
    expect(properties.StateMachineType).toBe('STANDARD');
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(properties.LoggingConfiguration.Level).toBe('ALL');
    type Destination = { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': string[] } } };
    const destinations = properties.LoggingConfiguration.Destinations as Destination[];
    expect(destinations).toHaveLength(1);
    const [logGroupId, attribute] = destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'];
    expect(attribute).toBe('Arn');
    expect(resourcesOfType(dev.api, 'AWS::Logs::LogGroup')[logGroupId]).toBeDefined();
    expect(definition.TimeoutSeconds).toBe(24 * 60 * 60);
  });

  it('has one Task per step, each invoking exactly its own step function with the user id', () => {
    expect(tasks.map(([name]) => name).sort()).toEqual(allDeletionSteps.map((s) => s.id).sort());
    for (const [name, state] of tasks) {
      const step = allDeletionSteps.find((s) => s.id === name)!;
      expect({ name, resource: state.Resource }).toEqual({ name, resource: functionArn(dev, name) });
      expect({ name, userId: state.Parameters?.['userId.$'] }).toEqual({ name, userId: '$.userId' });
      for (const [field, path] of Object.entries(step.extraInput ?? {}))
        expect(state.Parameters?.[`${field}.$`]).toBe(path);
    }
  });

  it.each(tasks)('gives Task %s a TimeoutSeconds longer than its function timeout', (name, state) => {
    const fnId = logicalIdOf(dev, dev.stacks.api.deletion.functions.get(name)!.function);
    const fnTimeout = resourcesOfType(dev.api, 'AWS::Lambda::Function')[fnId].Properties!.Timeout as number;
    expect(state.TimeoutSeconds).toEqual(expect.any(Number));
    expect(state.TimeoutSeconds!).toBeGreaterThan(fnTimeout);
  });

  it.each(tasks)(
    'retries Task %s on the transient errors only, with interval, backoff, max delay and full jitter',
    (_name, state) => {
      expect(state.Retry?.length).toBeGreaterThan(0);
      for (const retrier of state.Retry!) {
        expect(retrier).toMatchObject({
          IntervalSeconds: expect.any(Number),
          BackoffRate: expect.any(Number),
          MaxDelaySeconds: expect.any(Number),
          JitterStrategy: 'FULL',
        });
        expect(retrier.MaxAttempts ?? 3).toBeGreaterThan(0); // 0 would turn the retrier off
        expect(retrier.BackoffRate!).toBeGreaterThan(1);
        // A catch-all would retry permanent errors too; those go straight to the Catch.
        expect(retrier.ErrorEquals).not.toContain('States.ALL');
      }
      expect(state.Retry!.flatMap((r) => r.ErrorEquals)).toEqual(expect.arrayContaining(retriedErrors));
    },
  );

  it.each(tasks.filter(([name]) => name !== recordFailure))(
    'catches every error of Task %s, records it, waits and resumes that same Task',
    (name) => {
      const catcher = definition.States[name].Catch?.find((c) => c.ErrorEquals.includes('States.ALL'));
      // The error goes beside the input, so the user id survives for RecordFailure and the resumed step.
      expect(catcher).toEqual({ ErrorEquals: ['States.ALL'], Next: `${name}Failed`, ResultPath: '$.failure' });
      expect(failurePath(definition, name)).toEqual([
        `${name}Failed Pass`,
        `${recordFailure} Task`,
        expect.stringMatching(/ Wait$/),
        `${resumeChoice} Choice`,
        `${name} Task`,
      ]);
    },
  );

  it('waits 15 minutes before resuming, and reaches the wait even when recording the failure fails', () => {
    const record = definition.States[recordFailure];
    const wait = definition.States[record.Next!];
    expect(wait).toMatchObject({ Type: 'Wait', Seconds: 15 * 60, Next: resumeChoice });
    // ResultPath null: the error is dropped and `failedStep` stays for the resume Choice.
    expect(record.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: record.Next, ResultPath: null }]);
  });

  it('runs the Tasks in the order of the step table, looping purges until done, and ends in a Succeed', () => {
    const order: string[] = [];
    let name = definition.StartAt;
    while (definition.States[name]?.Type === 'Task' && order.length <= allDeletionSteps.length) {
      order.push(name);
      const state = definition.States[name];
      let next = state.Next!;
      if (deletionSteps.find((s) => s.id === name)?.loopsUntilDone) {
        // The Task's result is the progress the Choice reads; not done runs the Task again.
        expect({ name, resultPath: state.ResultPath }).toEqual({ name, resultPath: '$.progress' });
        const loop = definition.States[next];
        // toMatchObject holds arrays to their length: the done test is the only rule.
        expect(loop).toMatchObject({
          Type: 'Choice',
          Default: name,
          Choices: [{ Variable: '$.progress.done', BooleanEquals: true }],
        });
        next = loop.Choices![0].Next;
      }
      name = next;
    }
    expect(order).toEqual(deletionSteps.map((s) => s.id));
    expect(definition.States[name]?.Type).toBe('Succeed');
    const loops = Object.values(definition.States).filter(
      (s) => s.Type === 'Choice' && s.Choices?.some((c) => c.Variable === '$.progress.done'),
    );
    expect(loops).toHaveLength(deletionSteps.filter((s) => s.loopsUntilDone).length);
    expect(loops.length).toBeGreaterThan(0);
  });
});

/** An IAM action pattern (`*`, `?`) as a test against a concrete action. */
const allows = (pattern: string, action: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  ).test(action);

/** Every identity-policy Allow action in both stacks, by `<stack> <role logical id>`. */
function actionsByRole(synth: SynthesizedPictor): Map<string, string[]> {
  const byRole = new Map<string, string[]>();
  const add = (role: string, statements: { Effect: string; Action?: string | string[]; NotAction?: unknown }[]) => {
    for (const statement of statements) {
      expect({ role, notAction: statement.NotAction }).toEqual({ role, notAction: undefined });
      if (statement.Effect !== 'Allow') continue;
      byRole.set(role, [...(byRole.get(role) ?? []), ...[statement.Action ?? []].flat()]);
    }
  };
  for (const [stack, template] of [
    ['stateful', synth.stateful],
    ['api', synth.api],
  ] as const) {
    for (const [id, role] of Object.entries(resourcesOfType(template, 'AWS::IAM::Role'))) {
      expect({ id, managed: role.Properties!.ManagedPolicyArns }).toEqual({ id, managed: undefined });
      for (const policy of role.Properties!.Policies ?? []) add(`${stack} ${id}`, policy.PolicyDocument.Statement);
    }
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
      for (const policy of Object.values(resourcesOfType(template, type))) {
        for (const role of policy.Properties!.Roles ?? [])
          add(`${stack} ${role.Ref}`, policy.Properties!.PolicyDocument.Statement);
      }
    }
    expect(Object.keys(resourcesOfType(template, 'AWS::IAM::User'))).toEqual([]);
    expect(Object.keys(resourcesOfType(template, 'AWS::IAM::Group'))).toEqual([]);
  }
  return byRole;
}

describe.each([
  ['dev', dev],
  ['full', full],
])('account deletion in %s', (_name, synth) => {
  const byRole = actionsByRole(synth);
  const roleOf = (stepId: string) => `api ${logicalIdOf(synth, synth.stacks.api.deletion.functions.get(stepId)!.role)}`;
  const holders = (test: (action: string) => boolean) =>
    [...byRole]
      .filter(([, actions]) => actions.some(test))
      .map(([role]) => role)
      .sort();

  // A moderator's suspend_account disables the owner's sign-in, and delete_account starts the
  // workflow (issue 11): the ResolveReport route is the one holder beside the workflow's own.
  const resolveReport = () => `api ${logicalIdOf(synth, synth.stacks.api.functions.get('ResolveReport')!.role)}`;

  it(
    "lets only the workflow's sign-in steps (and a moderator's " +
      'suspension) call Cognito admin actions, across both stacks',
    () => {
      expect(holders((a) => allows(a, 'cognito-idp:AdminDeleteUser'))).toEqual([roleOf('DeleteSignInUser')]);
      const disable = [roleOf('DisableSignIn'), resolveReport()].sort();
      expect(holders((a) => allows(a, 'cognito-idp:AdminDisableUser')).sort()).toEqual(disable);
      expect(holders((a) => allows(a, 'cognito-idp:AdminUserGlobalSignOut')).sort()).toEqual(disable);
      const anyAdmin = (a: string) =>
        a.toLowerCase().startsWith('cognito-idp:admin') || allows(a, 'cognito-idp:AdminAnything');
      expect(holders(anyAdmin).sort()).toEqual(
        [roleOf('DeleteSignInUser'), roleOf('DisableSignIn'), resolveReport()].sort(),
      );
    },
  );

  it(
    'lets only the DeleteMe route, the bot’s /delete, the outbox sweeper (making good a lost ' +
      'start) and a moderator’s delete_account start deletion executions',
    () => {
      const deleteMe = `api ${logicalIdOf(synth, synth.stacks.api.functions.get('DeleteMe')!.role)}`;
      const bot = `api ${logicalIdOf(synth, synth.stacks.api.functions.get('TelegramWebhook')!.role)}`;
      const sweeper = `api ${logicalIdOf(synth, synth.stacks.api.scheduled.get('OutboxSweeper')!.handler.role)}`;
      expect(holders((a) => allows(a, 'states:StartExecution')).sort()).toEqual(
        [deleteMe, bot, sweeper, resolveReport()].sort(),
      );
    },
  );

  it('alarms to the stage topic when a step runs out of retries (RecordFailure is invoked)', () => {
    const topic = { Ref: logicalIdOf(synth, synth.stacks.api.alarms.topic) };
    const recordFailureFn = logicalIdOf(synth, synth.stacks.api.deletion.functions.get(recordFailure)!.function);
    const alarms = Object.values(resourcesOfType(synth.api, 'AWS::CloudWatch::Alarm')).filter(
      (a) =>
        a.Properties!.MetricName === 'Invocations' && a.Properties!.Dimensions?.[0]?.Value?.Ref === recordFailureFn,
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: recordFailureFn } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topic],
    });
  });

  it('alarms to the stage topic when an execution fails, times out or is aborted', () => {
    const topic = { Ref: logicalIdOf(synth, synth.stacks.api.alarms.topic) };
    const machine = { Ref: logicalIdOf(synth, synth.stacks.api.deletion.stateMachine) };
    const onMachine = (metric: any, name: string) =>
      metric.MetricStat?.Metric?.MetricName === name &&
      metric.MetricStat.Metric.Namespace === 'AWS/States' &&
      JSON.stringify(metric.MetricStat.Metric.Dimensions) ===
        JSON.stringify([{ Name: 'StateMachineArn', Value: machine }]);
    const names = ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'];
    const alarms = Object.values(resourcesOfType(synth.api, 'AWS::CloudWatch::Alarm')).filter((a) =>
      names.every((name) => (a.Properties!.Metrics ?? []).some((m: any) => onMachine(m, name))),
    );
    expect(alarms).toHaveLength(1);
    const { Metrics: metrics, ...properties } = alarms[0].Properties!;
    expect(properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topic],
    });
    // The alarm watches the sum of all three, each counted as a Sum.
    const [expression, ...rest] = (metrics as any[]).filter((m) => m.ReturnData !== false);
    expect(rest).toEqual([]);
    for (const name of names) {
      const metric = (metrics as any[]).find((m) => onMachine(m, name));
      expect(metric.MetricStat.Stat).toBe('Sum');
      expect(expression.Expression.split(/\s*\+\s*/)).toContain(metric.Id);
    }
  });

  it('keeps its execution logs for the stage retention, and past the stack when the stage retains data', () => {
    const destination = machineOf(synth).Properties!.LoggingConfiguration.Destinations[0];
    const logGroup = resourcesOfType(synth.api, 'AWS::Logs::LogGroup')[
      destination.CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0]
    ];
    expect(logGroup.Properties!.RetentionInDays).toBe(synth.config.logRetentionDays);
    expect(logGroup.DeletionPolicy).toBe(synth.config.retainData ? 'Retain' : 'Delete');
  });

  it('keeps the user-id hash key in the stateful stack, generated there, retained when the stage retains data', () => {
    expect(Object.keys(resourcesOfType(synth.api, 'AWS::SecretsManager::Secret'))).toEqual([]);
    const secrets = resourcesOfType(synth.stateful, 'AWS::SecretsManager::Secret');
    const keyId = statefulLogicalIdOf(synth, synth.stacks.stateful.userIdHashKey);
    expect(Object.keys(secrets)).toEqual([keyId]);
    const key = secrets[keyId];
    expect(key.Properties!.SecretString).toBeUndefined();
    expect(key.Properties!.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    const policy = synth.config.retainData ? 'Retain' : 'Delete';
    expect([key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual([policy, policy]);
  });
});
