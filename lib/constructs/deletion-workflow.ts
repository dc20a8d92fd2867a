/**
 * The account-deletion workflow in AWS (docs/account-deletion.md): a Standard state machine
 * (logging ALL, tracing on) over one function per row of lib/deletion-workflow.ts. Every Task
 * has TimeoutSeconds, a Retry for Lambda's own errors and transient ones (interval, backoff,
 * max delay, full jitter) and a Catch to the failure path, which records the failure, raises
 * the alarm, waits, and runs the failed step again. Purges loop on their `done` flag.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import {
  allDeletionSteps,
  deletionSteps,
  executionTimeoutHours,
  recordFailureStep,
  resumeAfterFailureSeconds,
  type DeletionStepDefinition,
} from '../deletion-workflow';
import { acknowledgeStateMachineRole, acknowledgeWorkflowTask } from '../nag-acknowledgements';
import { PictorFunction } from './pictor-function';

/**
 * What Retry lists: Lambda's own transient errors, a function or Task timeout, and the steps'
 * TransientStepError. A function that ran out of time reports `Sandbox.Timedout` (its errorType);
 * every step is idempotent, so running it again is safe.
 */
export const retriedErrors = [
  'TransientStepError',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
  'Sandbox.Timedout',
  sfn.Errors.TIMEOUT,
];

export const stepRetry: sfn.RetryProps = {
  errors: retriedErrors,
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 6,
  maxDelay: Duration.minutes(1),
  jitterStrategy: sfn.JitterType.FULL,
};

export interface DeletionWorkflowProps {
  readonly stage: Pick<StageConfig, 'logRetentionDays' | 'retainData' | 'name'>;
  readonly alarmTopic: ITopic;
  /** Grants a step's function its declared table access and capabilities (the stack's one way to grant). */
  readonly grant: (fn: PictorFunction, step: DeletionStepDefinition) => void;
}

export class DeletionWorkflow extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  /** Each step's function, by step id. */
  public readonly functions: ReadonlyMap<string, PictorFunction>;
  /** Fires when a step runs out of retries (the failure path ran). */
  public readonly stepFailureAlarm: cloudwatch.Alarm;
  /** Fires when an execution fails, times out (stuck for a day) or is aborted. */
  public readonly executionAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeletionWorkflowProps) {
    super(scope, id);
    const functions = new Map<string, PictorFunction>();
    for (const step of allDeletionSteps) {
      const fn = new PictorFunction(this, step.id, {
        entry: step.entry,
        stage: props.stage,
        description: `Account deletion: ${step.id}`,
        timeoutSeconds: step.timeoutSeconds,
        memorySizeMb: step.memorySizeMb,
      });
      props.grant(fn, step);
      acknowledgeWorkflowTask(fn.function);
      functions.set(step.id, fn);
    }
    this.functions = functions;
    const functionOf = (id: string) => {
      const fn = functions.get(id);
      if (!fn) throw new Error(`deletion step ${id} has no function`);
      return fn;
    };
    const taskFor = (step: DeletionStepDefinition, resultPath: string) =>
      this.task(step, functionOf(step.id), resultPath);

    // The failure path: note which step failed, record it, wait, run that step again.
    const recordFailure = taskFor(recordFailureStep, sfn.JsonPath.DISCARD);
    const wait = new sfn.Wait(this, 'WaitBeforeResuming', {
      time: sfn.WaitTime.duration(Duration.seconds(resumeAfterFailureSeconds)),
    });
    const resume = new sfn.Choice(this, 'ResumeFailedStep');
    recordFailure.addCatch(wait, { resultPath: sfn.JsonPath.DISCARD });
    recordFailure.next(wait).next(resume);

    const steps = deletionSteps.map((step) => ({
      step,
      task: taskFor(step, step.loopsUntilDone ? '$.progress' : sfn.JsonPath.DISCARD),
    }));
    const deleted = new sfn.Succeed(this, 'AccountDeleted');
    steps.forEach(({ step, task }, index) => {
      const after = index + 1 < steps.length ? steps[index + 1].task : deleted;
      const noteFailure = new sfn.Pass(this, `${step.id}Failed`, {
        result: sfn.Result.fromString(step.id),
        resultPath: '$.failedStep',
      });
      task.addCatch(noteFailure, { resultPath: '$.failure' });
      noteFailure.next(recordFailure);
      resume.when(sfn.Condition.stringEquals('$.failedStep', step.id), task);
      if (step.loopsUntilDone) {
        task.next(
          new sfn.Choice(this, `Is${step.id}Done`)
            .when(sfn.Condition.booleanEquals('$.progress.done', true), after)
            .otherwise(task),
        );
      } else {
        task.next(after);
      }
    });
    resume.otherwise(
      new sfn.Fail(this, 'UnknownFailedStep', {
        error: 'UnknownFailedStep',
        cause: 'the failed step has no Task to resume',
      }),
    );

    const logs = new LogGroup(this, 'Logs', {
      // The vended-logs prefix keeps Step Functions' log delivery out of the account's resource-policy size limit.
      logGroupName: `/aws/vendedlogs/states/pictor-${props.stage.name}-account-deletion`,
      retention: props.stage.logRetentionDays as RetentionDays,
      removalPolicy: props.stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(steps[0].task),
      timeout: Duration.hours(executionTimeoutHours),
      tracingEnabled: true,
      // Execution data holds user ids and counts only: no email, prompt or token reaches a state.
      logs: { destination: logs, level: sfn.LogLevel.ALL, includeExecutionData: true },
      comment: 'Deletes one account: every step idempotent, retried, and resumed after a recorded failure',
    });

    acknowledgeStateMachineRole(
      this.stateMachine.role,
      [...functions.values()].map((fn) => fn.function.functionArn),
    );

    const alarmAction = new SnsAction(props.alarmTopic);
    this.stepFailureAlarm = functionOf(recordFailureStep.id)
      .function.metricInvocations({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'StepFailureAlarm', {
        alarmDescription:
          'Account deletion: a step ran out of retries. The workflow retries it every ' +
          `${resumeAfterFailureSeconds / 60} minutes; see docs/runbooks/account-deletion.md.`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.stepFailureAlarm.addAlarmAction(alarmAction);

    const ended = new cloudwatch.MathExpression({
      expression: 'failed + timedOut + aborted',
      usingMetrics: {
        failed: this.stateMachine.metricFailed(),
        timedOut: this.stateMachine.metricTimedOut(),
        aborted: this.stateMachine.metricAborted(),
      },
      period: Duration.minutes(5),
    });
    this.executionAlarm = ended.createAlarm(this, 'ExecutionAlarm', {
      alarmDescription:
        'Account deletion: an execution ended without deleting the account (failed, timed out after ' +
        `${executionTimeoutHours} h, or aborted). Redrive it: docs/runbooks/account-deletion.md.`,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.executionAlarm.addAlarmAction(alarmAction);
  }

  /** One Task state named by the step id: payload-only result, its timeout, the Retry. */
  private task(step: DeletionStepDefinition, fn: PictorFunction, resultPath: string): tasks.LambdaInvoke {
    const extra = Object.fromEntries(
      Object.entries(step.extraInput ?? {}).map(([name, path]) => [name, sfn.JsonPath.stringAt(path)]),
    );
    const failureInput =
      step === recordFailureStep
        ? { step: sfn.JsonPath.stringAt('$.failedStep'), error: sfn.JsonPath.stringAt('$.failure.Error') }
        : {};
    const task = new tasks.LambdaInvoke(this, `${step.id}Task`, {
      stateName: step.id,
      lambdaFunction: fn.function,
      payloadResponseOnly: true,
      // Our own Retry below covers Lambda's errors too, with max delay and jitter.
      retryOnServiceExceptions: false,
      payload: sfn.TaskInput.fromObject({ userId: sfn.JsonPath.stringAt('$.userId'), ...extra, ...failureInput }),
      resultPath,
      // A little over the function's own timeout, so a hung invocation cannot hold the step.
      taskTimeout: sfn.Timeout.duration(Duration.seconds(step.timeoutSeconds + 10)),
    });
    task.addRetry(stepRetry);
    return task;
  }
}
