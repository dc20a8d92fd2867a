import { Duration } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
/**
 * Every function, route, worker or deletion-workflow step, carries the Lambda defaults; route
 * functions keep the default size, workers take theirs from lib/workers.ts and workflow steps
 * from lib/deletion-workflow.ts. What each may do is in least-privilege.test.ts.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PictorFunction } from '../../lib/constructs/pictor-function';
import { allDeletionSteps } from '../../lib/deletion-workflow';
import { routes, type TableAccess } from '../../lib/routes';
import { scheduledFunctions } from '../../lib/scheduled';
import { defaultAbandonAfterSeconds, defaultOutboxGraceSeconds } from '../../lambdas/domain/outbox/sweep-outbox';
import { workers } from '../../lib/workers';
import { importedValue, resourcesOfType, synthDev, synthFull, type SynthesizedPictor } from '../support/synth';
import { functionsUnderTest, logicalIdOf } from './function-grants';

const dev = synthDev();
const full = synthFull();

// The specification, restated here on purpose rather than imported from the construct.
const xrayActions = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
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

/** Logical IDs of each route's function, role and log group in the API stack. */
function routeResources(synth: SynthesizedPictor) {
  return routes.map((route) => {
    const fn = synth.stacks.api.functions.get(route.id)!;
    return { route, functionId: logicalIdOf(synth, fn.function), logGroupId: logicalIdOf(synth, fn.logGroup) };
  });
}

/** Logical IDs of each deletion step's function. */
function stepResources(synth: SynthesizedPictor) {
  return allDeletionSteps.map((step) => ({
    step,
    functionId: logicalIdOf(synth, synth.stacks.api.deletion.functions.get(step.id)!.function),
  }));
}

/** Logical IDs of each worker's function. */
function workerResources(synth: SynthesizedPictor) {
  return workers.map((worker) => ({
    worker,
    functionId: logicalIdOf(synth, synth.stacks.api.workers.get(worker.id)!.handler.function),
  }));
}

describe('Lambda defaults', () => {
  it('creates one function per route, worker, deletion step and scheduled function, and no other', () => {
    dev.api.resourceCountIs(
      'AWS::Lambda::Function',
      routes.length + workers.length + allDeletionSteps.length + scheduledFunctions.length,
    );
    expect(
      functionsUnderTest(dev)
        .map((f) => f.id)
        .sort(),
    ).toEqual([...routes, ...workers, ...allDeletionSteps, ...scheduledFunctions].map((d) => d.id).sort());
  });

  it('lets no route that commits outbox work run as long as the sweeper waits before taking it', () => {
    const outboxRoutes = ['CreateGeneration', 'DeleteMe'].map((id) => dev.stacks.api.functions.get(id)!);
    for (const fn of outboxRoutes) {
      const { Timeout } = resourcesOfType(dev.api, 'AWS::Lambda::Function')[logicalIdOf(dev, fn.function)].Properties!;
      expect(Timeout).toBeLessThan(defaultOutboxGraceSeconds);
    }
  });

  it('abandons a started generation only after any delivery cycle of its queue could have brought it back', () => {
    const worker = workers.find((w) => w.id === 'GenerationWorker')!;
    const queue = resourcesOfType(dev.api, 'AWS::SQS::Queue')[
      logicalIdOf(dev, dev.stacks.api.workers.get(worker.id)!.queue)
    ];
    // The worker's own retry delay is at most 15 minutes (lambdas/shared/sqs-worker.ts).
    const longestCycle = worker.timeoutSeconds + Math.max(queue.Properties!.VisibilityTimeout, 15 * 60);
    expect(defaultAbandonAfterSeconds).toBeGreaterThan(2 * longestCycle);
  });

  it.each(scheduledFunctions)(
    'runs $id on its schedule, without retrying a missed run, and alarms when it keeps failing',
    (definition) => {
      const scheduled = dev.stacks.api.scheduled.get(definition.id)!;
      const functionId = logicalIdOf(dev, scheduled.handler.function);
      const rules = Object.values(resourcesOfType(dev.api, 'AWS::Events::Rule')).filter((rule) =>
        rule.Properties!.Targets.some((t: any) => t.Arn?.['Fn::GetAtt']?.[0] === functionId),
      );
      expect(rules).toHaveLength(1);
      expect(rules[0].Properties).toMatchObject({
        // As CDK writes the rate: whole days as days ("rate(1 day)" for the daily reconciliation).
        ScheduleExpression: Schedule.rate(Duration.minutes(definition.everyMinutes)).expressionString,
        State: 'ENABLED',
        Targets: [
          expect.objectContaining({
            RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: definition.everyMinutes * 60 },
          }),
        ],
      });
      const alarms = Object.values(resourcesOfType(dev.api, 'AWS::CloudWatch::Alarm')).filter(
        (a) => a.Properties!.MetricName === 'Errors' && a.Properties!.Dimensions?.[0]?.Value?.Ref === functionId,
      );
      expect(alarms).toHaveLength(1);
      expect(alarms[0].Properties).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: definition.alarmAfterPeriods,
        DatapointsToAlarm: definition.alarmAfterPeriods,
        Threshold: 1,
        AlarmActions: [{ Ref: logicalIdOf(dev, dev.stacks.api.alarms.topic) }],
      });
    },
  );

  it.each(functionsUnderTest(dev))('runs $id on Node.js 22, arm64, traced, logging to its own group', (f) => {
    const fn = resourcesOfType(dev.api, 'AWS::Lambda::Function')[f.functionId];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: f.logGroupId } },
      Environment: { Variables: expect.objectContaining({ POWERTOOLS_SERVICE_NAME: 'pictor' }) },
    });
  });

  it.each(workerResources(dev))(
    'sizes $worker.id from the worker table, without the profile settings routes get',
    (w) => {
      const fn = resourcesOfType(dev.api, 'AWS::Lambda::Function')[w.functionId];
      expect(fn.Properties).toMatchObject({ Timeout: w.worker.timeoutSeconds, MemorySize: w.worker.memorySizeMb });
      expect(fn.Properties!.Environment.Variables.STARTER_CREDITS).toBeUndefined();
    },
  );

  it.each(stepResources(dev))(
    'sizes deletion step $step.id from the step table, without the profile settings routes get',
    (s) => {
      const fn = resourcesOfType(dev.api, 'AWS::Lambda::Function')[s.functionId];
      expect(fn.Properties).toMatchObject({ Timeout: s.step.timeoutSeconds, MemorySize: s.step.memorySizeMb ?? 512 });
      expect(fn.Properties!.Environment.Variables.STARTER_CREDITS).toBeUndefined();
      expect(fn.Properties!.Environment.Variables.PRIVACY_POLICY_VERSION).toBeUndefined();
    },
  );

  it.each(routeResources(dev))('runs $route.id on Node.js 22, arm64, traced, with the Powertools env', (r) => {
    const fn = resourcesOfType(dev.api, 'AWS::Lambda::Function')[r.functionId];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: r.route.memorySizeMb ?? 512,
      Timeout: 10,
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: r.logGroupId } },
      Environment: {
        Variables: expect.objectContaining({
          POWERTOOLS_SERVICE_NAME: 'pictor',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_LOGGER_LOG_EVENT: 'false',
          STARTER_CREDITS: String(dev.config.starterCredits),
          PRIVACY_POLICY_VERSION: dev.config.privacyPolicyVersion,
        }),
      },
    });
  });

  it.each(routeResources(dev))(
    'keeps $route.id cold starts lean: source maps ship as files, not enabled at run time',
    (r) => {
      const variables = resourcesOfType(dev.api, 'AWS::Lambda::Function')[r.functionId].Properties!.Environment
        .Variables;
      expect(variables.NODE_OPTIONS).toBeUndefined();
    },
  );

  it.each(routeResources(dev))('tells $route.id the table name only if it may use the table', (r) => {
    const variables = resourcesOfType(dev.api, 'AWS::Lambda::Function')[r.functionId].Properties!.Environment.Variables;
    if (r.route.table === 'none') {
      expect(variables.TABLE_NAME).toBeUndefined();
    } else {
      expect(importedValue(dev.stateful, variables.TABLE_NAME)).toEqual({ Ref: 'PictorTable' });
    }
  });

  it.each([
    ['dev', dev, 'Delete'],
    ['full', full, 'Retain'],
  ])('keeps each function log group for the %s stage retention', (_name, synth, policy) => {
    for (const r of functionsUnderTest(synth)) {
      const logGroup = resourcesOfType(synth.api, 'AWS::Logs::LogGroup')[r.logGroupId];
      expect(logGroup.Properties).toMatchObject({ RetentionInDays: synth.config.logRetentionDays });
      expect(logGroup.DeletionPolicy).toBe(policy);
    }
  });
});

describe('PictorFunction table grants', () => {
  function functionWithTable(grant: 'grantTableRead' | 'grantTableReadWrite'): Template {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'GrantTest');
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const fn = new PictorFunction(stack, 'Fn', {
      entry: 'lambdas/http/health.ts',
      stage: { logRetentionDays: 30, retainData: false },
    });
    fn[grant](table);
    return Template.fromStack(stack);
  }

  it.each([
    ['grantTableRead', tableActions.read],
    ['grantTableReadWrite', tableActions.readWrite],
  ] as const)(
    '%s grants exactly its actions on the table and the gsi1 index, and sets TABLE_NAME',
    (grant, actions) => {
      const template = functionWithTable(grant);
      const tableArn = { 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] };
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: xrayActions, Resource: '*' },
            { Effect: 'Allow', Action: actions, Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/gsi1']] }] },
          ],
        },
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { TABLE_NAME: { Ref: 'TableCD117FA1' } } },
      });
    },
  );
});
