/**
 * One run of an execution on aws-local-stepfunctions: the first from StartAt, each redrive from
 * the state that did not succeed. It hands the library a local handler per Task state, the
 * scaled Wait and Retry times, and a context object naming the execution; it reads the library's
 * event stream into the execution's history and records how the run ended.
 *
 * Where the library differs from AWS, this is where it is bridged:
 *  - A stopped run's Task keeps running (nothing can stop a handler): its result is discarded,
 *    and a retry the library starts after the abort is refused.
 *  - The library stamps `$$.Execution.StartTime` with its own clock and `$$.Execution.Input`
 *    with the run's input; `new Date()` is pinned to the execution's start while the run is
 *    created, and a redriven run starts with a Pass state that hands the resumed state its input,
 *    so both stay what they were in the first run, as in AWS.
 */
import { ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { Execution, ExecutionStatus, ResumePoint } from './execution';
import type { StepFaults } from './faults';
import {
  invokeLikeLambda,
  lambdaErrorOf,
  type JSONValue,
  type LambdaTaskError,
  type TaskHandlers,
} from './lambda-task';
import { localExecutionRoleArn } from './names';
import { redriveEntryState, resumingDefinition, withNewDateAt } from './run-bridges';
import { ScaledTime, type Retrier } from './scaled-time';
import type { LocalStateMachineDefinition, TaskFunction } from './state-machine-definition';

export interface RunEnvironment {
  readonly definition: LocalStateMachineDefinition;
  /** The template's definition, validated once. */
  readonly machine: StateMachine;
  readonly handlers: TaskHandlers;
  readonly faults: StepFaults;
  readonly timeScale: number;
  /** Draws full-jitter fractions. */
  readonly random: () => number;
  readonly log: (line: string) => void;
  /** After every change of an execution's status. */
  readonly changed: () => void;
}

/** The slice of the library's event stream this reads (the package does not export the type). */
interface RunEvent {
  type: string;
  state?: { name: string; type: string; input: JSONValue; output?: JSONValue };
  Error?: string;
  retry?: { retrier: Retrier; attempt: number };
}

/** What a stopped run's late Task invocations throw: the library neither retries nor catches it, and winds down. */
class RunStoppedError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor() {
    super('The execution is no longer running');
    this.name = 'States.Runtime';
  }
}

export class ExecutionRun {
  private live = true;
  private stopRequest?: { error?: string; cause?: string };
  /** The state entered and not yet exited: where a redrive would resume. */
  private open?: ResumePoint & { type: string };
  private attempts = 0;
  private readonly inFlight = new Map<string, number>();
  private readonly timedOut = new Set<number>();
  private readonly time: ScaledTime;
  private readonly handle: ReturnType<StateMachine['run']>;

  constructor(
    private readonly execution: Execution,
    private readonly env: RunEnvironment,
    resumeFrom?: ResumePoint,
  ) {
    const original = env.definition.definition;
    // The library's Pass state treats a falsy Result as none; such an input (null, 0, false, "") is handed in directly.
    const viaPass = resumeFrom !== undefined && Boolean(resumeFrom.input);
    let definition = original;
    if (resumeFrom)
      definition = viaPass ? resumingDefinition(original, resumeFrom) : { ...original, StartAt: resumeFrom.state };
    // Only the StartAt differs from the definition validated at start-up.
    const machine = resumeFrom
      ? new StateMachine(definition, { validationOptions: { noValidate: true } })
      : env.machine;
    this.time = new ScaledTime(definition, env.timeScale, env.random);
    const taskResourceLocalHandlers = Object.fromEntries(
      [...env.definition.tasks.values()].map((task) => [
        task.stateName,
        (input: JSONValue) => this.invoke(task, input),
      ]),
    );
    const input = resumeFrom && !viaPass ? resumeFrom.input : (JSON.parse(execution.input) as JSONValue);
    this.handle = withNewDateAt(execution.startDate, () =>
      machine.run(input as never, {
        overrides: {
          taskResourceLocalHandlers: taskResourceLocalHandlers as never,
          waitTimeOverrides: this.time.waitTimeOverrides(),
          retryIntervalOverrides: this.time.retryIntervalOverrides(),
        },
        noThrowOnAbort: true,
        context: {
          Execution: {
            Id: execution.arn,
            Name: execution.name,
            RoleArn: localExecutionRoleArn(env.definition.name),
            RedriveCount: execution.redriveCount,
            ...(execution.redriveDate ? { RedriveTime: execution.redriveDate.toISOString() } : {}),
          },
          StateMachine: { Id: env.definition.arn, Name: env.definition.name },
        },
      }),
    );
    execution.settled = this.follow();
  }

  /** Stops the run (StopExecution, or a planned crash): the execution is ABORTED at once. */
  stop(request: { error?: string; cause?: string }): void {
    if (!this.live) return;
    this.live = false;
    this.stopRequest = request;
    Object.assign(this.execution, {
      status: 'ABORTED',
      stopDate: new Date(),
      error: request.error,
      cause: request.cause,
      output: undefined,
    });
    this.handle.abort();
    this.env.changed();
  }

  private async invoke(task: TaskFunction, input: JSONValue): Promise<JSONValue> {
    // One turn of the event loop lets the event log catch up with the library's queue: the retry
    // pacing counts attempts from it, and the history keeps AWS's order.
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.live) throw new RunStoppedError();
    const attempt = ++this.attempts;
    this.inFlight.set(task.stateName, attempt);
    const history = this.execution.history;
    const timeout = (this.env.definition.definition.States[task.stateName] as { TimeoutSeconds?: number })
      .TimeoutSeconds;
    history.add('LambdaFunctionScheduled', {
      resource: task.arn,
      input: JSON.stringify(input),
      ...(timeout ? { timeoutInSeconds: timeout } : {}),
    });
    history.add('LambdaFunctionStarted');
    const fault = this.env.faults.take(task.stepId);
    if (fault?.kind === 'crash' && !fault.afterWork) return this.crash(task);
    let result: JSONValue = null;
    let failure: LambdaTaskError | undefined;
    try {
      if (fault?.kind === 'fail') throw fault.error;
      result = await invokeLikeLambda(task, await this.env.handlers.handlerOf(task), input);
    } catch (error) {
      failure = lambdaErrorOf(error);
      const thrown = failure.thrown instanceof Error ? failure.thrown : undefined;
      if (fault?.kind !== 'fail')
        this.env.log(`[${task.stepId}] ${thrown?.stack ?? `${failure.name}: ${failure.errorMessage}`}`);
    }
    if (fault?.kind === 'crash') return this.crash(task);
    // Stopped, timed out or crashed meanwhile: the result goes nowhere, as in AWS.
    if (!this.live || this.timedOut.has(attempt)) throw new RunStoppedError();
    this.inFlight.delete(task.stateName);
    if (failure) {
      history.add('LambdaFunctionFailed', { error: failure.name, cause: failure.message });
      throw failure;
    }
    history.add('LambdaFunctionSucceeded', { output: JSON.stringify(result) });
    return result;
  }

  private crash(task: TaskFunction): never {
    this.stop({
      error: 'Local.SimulatedCrash',
      cause: `faults.crashDuring('${task.stepId}') stopped the execution while ${task.stateName} ran`,
    });
    throw new RunStoppedError();
  }

  private async follow(): Promise<void> {
    const reading = (async () => {
      for await (const event of this.handle.eventLogs as AsyncIterable<RunEvent>) this.record(event);
    })();
    let ending: { output: JSONValue } | { error: unknown };
    try {
      ending = { output: (await this.handle.result) as JSONValue };
    } catch (error) {
      ending = { error };
    }
    await reading.catch((error: unknown) =>
      this.env.log(`local Step Functions could not read an event: ${String(error)}`),
    );
    this.finish(ending);
    this.env.changed();
  }

  /** One library event into the history and the retry pacing. */
  private record(event: RunEvent): void {
    const state = event.state;
    if (!state || state.name === redriveEntryState) return;
    const history = this.execution.history;
    if (event.type === 'StateEntered') {
      this.open = { state: state.name, input: state.input, type: state.type };
      this.time.stateEntered(state.name);
      history.add(`${state.type}StateEntered` as never, { name: state.name, input: JSON.stringify(state.input) });
    } else if (event.type === 'StateExited') {
      this.open = undefined;
      history.add(`${state.type}StateExited` as never, {
        name: state.name,
        output: JSON.stringify(state.output ?? null),
      });
    } else if (event.type === 'StateFailed' && state.type === 'Task' && event.Error === 'States.Timeout') {
      const attempt = this.inFlight.get(state.name);
      if (attempt !== undefined) this.timedOut.add(attempt);
      this.inFlight.delete(state.name);
      history.add('LambdaFunctionTimedOut', {
        error: 'States.Timeout',
        cause: `${state.name} ran past its TimeoutSeconds`,
      });
    } else if (event.type === 'StateRetried' && event.retry) {
      const retriers = (this.env.definition.definition.States[state.name] as { Retry?: Retrier[] }).Retry ?? [];
      const retrierIndex = retriers.indexOf(event.retry.retrier);
      const pauseMs = this.time.stateRetried(state.name, event.retry.retrier, event.retry.attempt);
      this.execution.retries.push({ state: state.name, retrierIndex, attempt: event.retry.attempt, pauseMs });
    }
  }

  private finish(ending: { output: JSONValue } | { error: unknown }): void {
    const execution = this.execution;
    const resumePoint = this.open ? { state: this.open.state, input: this.open.input } : undefined;
    if (this.stopRequest) {
      execution.resumePoint = resumePoint;
      execution.history.add('ExecutionAborted', { ...this.stopRequest });
      return;
    }
    this.live = false;
    execution.stopDate = new Date();
    if ('output' in ending) {
      Object.assign(execution, { status: 'SUCCEEDED', output: JSON.stringify(ending.output), resumePoint: undefined });
      execution.history.add('ExecutionSucceeded', { output: execution.output });
      return;
    }
    const { status, error, cause } = this.failureOf(ending.error);
    Object.assign(execution, { status, error, cause, resumePoint });
    execution.history.add(status === 'TIMED_OUT' ? 'ExecutionTimedOut' : 'ExecutionFailed', { error, cause });
  }

  /** How the library's rejection reads as DescribeExecution's status, error and cause. */
  private failureOf(thrown: unknown): { status: ExecutionStatus; error?: string; cause?: string } {
    if (thrown instanceof ExecutionTimeoutError) {
      return {
        status: 'TIMED_OUT',
        error: 'States.Timeout',
        cause: `The execution ran past the state machine's TimeoutSeconds`,
      };
    }
    const failure = thrown instanceof ExecutionError && thrown.cause instanceof Error ? thrown.cause : undefined;
    if (!failure) {
      const detail = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
      this.env.log(`local Step Functions failed an execution on an unexpected error: ${detail}`);
      return { status: 'FAILED', error: 'States.Runtime', cause: String(thrown) };
    }
    if (failure.name === 'States.Timeout' && failure.message === 'States.Timeout') {
      return {
        status: 'FAILED',
        error: 'States.Timeout',
        cause: `${this.open?.state ?? 'A Task'} ran past its TimeoutSeconds`,
      };
    }
    if (this.open?.type === 'Fail') {
      // The library names a Fail state's error FailStateError when the state sets none; AWS leaves it empty.
      const state = this.env.definition.definition.States[this.open.state] as unknown as Record<string, unknown>;
      return {
        status: 'FAILED',
        error: 'Error' in state || 'ErrorPath' in state ? failure.name : undefined,
        cause: 'Cause' in state || 'CausePath' in state ? failure.message : undefined,
      };
    }
    return { status: 'FAILED', error: failure.name, cause: failure.message };
  }
}
