/**
 * The local state machine and its executions, held in memory by execution ARN (state machine
 * ARN + name): StartExecution's idempotency, Describe, List, Stop and Redrive with Step
 * Functions' rules, and waits on an execution's end for tests. The SFN endpoint
 * (sfn-operations.ts) is a thin JSON layer over this.
 */
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { HandlerLoader } from '../handler-loader';
import { StateWaiters } from '../queues/state-waiters';
import { Execution, type ExecutionDescription, type ExecutionStatus } from './execution';
import { ExecutionRun, type RunEnvironment } from './execution-run';
import { StepFaults } from './faults';
import { TaskHandlers } from './lambda-task';
import { invalidExecutionName, isStateMachineArn, localExecutionArn, localExecutionRoleArn } from './names';
import { sfnErrors } from './sfn-errors';
import type { LocalStateMachineDefinition } from './state-machine-definition';
import { withScaledExecutionTimeout } from './scaled-time';

/** Step Functions' limit on an execution's input: 256 KiB of UTF-8. */
const maxInputBytes = 256 * 1024;

export interface LocalStateMachineOptions {
  definition: LocalStateMachineDefinition;
  loadHandler: HandlerLoader;
  /** Local duration of one AWS second for Wait states and Retry pauses. */
  timeScale: number;
  /** Draws full-jitter fractions in [0, 1). @default Math.random */
  random?: () => number;
  /** Task handler errors. @default console.log */
  log?: (line: string) => void;
}

export interface StartRequest {
  stateMachineArn?: unknown;
  name?: unknown;
  input?: unknown;
}

export interface ListFilter {
  status?: ExecutionStatus;
  redriven?: boolean;
}

export class LocalStateMachine {
  readonly arn: string;
  readonly name: string;
  /** The definition as it runs: the template's, every intrinsic resolved. */
  readonly definition: LocalStateMachineDefinition['definition'];
  /** The role executions report (nothing checks it locally). */
  readonly roleArn: string;
  readonly createdAt = new Date();
  readonly timeScale: number;
  readonly faults: StepFaults;
  private readonly executionsByArn = new Map<string, Execution>();
  private readonly runs = new Map<Execution, ExecutionRun>();
  private readonly waiters = new StateWaiters();
  private readonly env: RunEnvironment;
  private closed = false;

  constructor(options: LocalStateMachineOptions) {
    if (!(options.timeScale > 0)) throw new Error(`timeScale must be a positive number, not ${options.timeScale}`);
    const { definition } = options;
    this.arn = definition.arn;
    this.name = definition.name;
    this.definition = definition.definition;
    this.roleArn = localExecutionRoleArn(definition.name);
    this.timeScale = options.timeScale;
    this.faults = new StepFaults(new Set([...definition.tasks.values()].map((task) => task.stepId)));
    const runnable = {
      ...definition,
      definition: withScaledExecutionTimeout(definition.definition, options.timeScale),
    };
    this.env = {
      definition: runnable,
      // Validates the definition (asl-validator) once, at start-up, so a bad one fails `npm start`.
      machine: new StateMachine(runnable.definition),
      handlers: new TaskHandlers(options.loadHandler),
      faults: this.faults,
      timeScale: options.timeScale,
      random: options.random ?? Math.random,
      log: options.log ?? ((line) => console.log(line)),
      changed: () => this.waiters.recheck(),
    };
  }

  /** StartExecution: a new execution, or the running one with the same name and input (CONTRACTS §6.3). */
  start(request: StartRequest): { executionArn: string; startDate: Date } {
    this.assertOpen();
    const stateMachineArn = request.stateMachineArn;
    if (typeof stateMachineArn !== 'string' || stateMachineArn === '')
      throw sfnErrors.missingParameter('stateMachineArn');
    if (!isStateMachineArn(stateMachineArn)) throw sfnErrors.invalidArn(stateMachineArn);
    if (stateMachineArn !== this.arn) throw sfnErrors.stateMachineDoesNotExist(stateMachineArn);
    if (this.faults.refusingStarts)
      throw sfnErrors.accessDenied('faults.refuseStarts(): the caller may not start executions of this state machine');
    const name = request.name ?? randomUUID();
    if (typeof name !== 'string') throw sfnErrors.invalidName(`Invalid Name: '${String(name)}'`);
    const nameProblem = invalidExecutionName(name);
    if (nameProblem) throw sfnErrors.invalidName(nameProblem);
    const input = request.input ?? '{}';
    if (typeof input !== 'string')
      throw sfnErrors.invalidExecutionInput('Invalid State Machine Execution Input: input must be a JSON string');
    if (Buffer.byteLength(input, 'utf8') > maxInputBytes)
      throw sfnErrors.invalidExecutionInput(
        `Invalid State Machine Execution Input: larger than ${maxInputBytes} bytes`,
      );
    try {
      JSON.parse(input);
    } catch {
      throw sfnErrors.invalidExecutionInput(`Invalid State Machine Execution Input: '${input.slice(0, 200)}'`);
    }

    const executionArn = localExecutionArn(this.arn, name);
    const existing = this.executionsByArn.get(executionArn);
    if (existing) {
      // Standard workflows: the same request while the first still runs is answered as the first was.
      if (existing.status === 'RUNNING' && existing.input === input)
        return { executionArn, startDate: existing.startDate };
      throw sfnErrors.executionAlreadyExists(executionArn);
    }
    const execution = new Execution(executionArn, name, this.arn, input, new Date());
    this.executionsByArn.set(executionArn, execution);
    execution.history.add('ExecutionStarted', { input, roleArn: this.roleArn });
    this.runs.set(execution, new ExecutionRun(execution, this.env));
    this.waiters.recheck();
    return { executionArn, startDate: execution.startDate };
  }

  /** The execution with this ARN, or ExecutionDoesNotExist. */
  find(executionArn: unknown): Execution {
    if (typeof executionArn !== 'string' || executionArn === '') throw sfnErrors.missingParameter('executionArn');
    const execution = this.executionsByArn.get(executionArn);
    if (!execution) {
      if (!executionArn.startsWith('arn:aws:states:')) throw sfnErrors.invalidArn(executionArn);
      throw sfnErrors.executionDoesNotExist(executionArn);
    }
    return execution;
  }

  /** By execution ARN or name; undefined when there is none (yet). */
  lookup(executionArnOrName: string): Execution | undefined {
    const arn = executionArnOrName.startsWith('arn:')
      ? executionArnOrName
      : localExecutionArn(this.arn, executionArnOrName);
    return this.executionsByArn.get(arn);
  }

  /** Newest first, as ListExecutions orders them. */
  list(filter: ListFilter = {}): Execution[] {
    // Reversed first, so executions started in the same millisecond keep newest first through the stable sort.
    return [...this.executionsByArn.values()]
      .reverse()
      .filter((execution) => filter.status === undefined || execution.status === filter.status)
      .filter((execution) => filter.redriven === undefined || execution.redriveCount > 0 === filter.redriven)
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  }

  /** StopExecution: a running execution becomes ABORTED (its running handler's result is discarded). */
  async stop(executionArn: unknown, details: { error?: string; cause?: string } = {}): Promise<Date> {
    const execution = this.find(executionArn);
    if (execution.status === 'RUNNING') this.runs.get(execution)?.stop(details);
    await execution.settled;
    return execution.stopDate ?? new Date();
  }

  /**
   * RedriveExecution: a FAILED, ABORTED or TIMED_OUT execution runs again from the state that did
   * not succeed, with the input that state was given; the states that succeeded stay done.
   */
  async redrive(executionArn: unknown): Promise<Date> {
    this.assertOpen();
    const execution = this.find(executionArn);
    if (execution.status !== 'RUNNING') await execution.settled;
    // Checked after the wait: a concurrent redrive may have restarted it meanwhile.
    const reason = execution.notRedrivableBecause();
    if (reason || !execution.resumePoint)
      throw sfnErrors.executionNotRedrivable(execution.arn, reason ?? 'no state to resume from');
    const resumeFrom = execution.resumePoint;
    Object.assign(execution, {
      status: 'RUNNING',
      redriveCount: execution.redriveCount + 1,
      redriveDate: new Date(),
      stopDate: undefined,
      error: undefined,
      cause: undefined,
      output: undefined,
      resumePoint: undefined,
    });
    execution.history.add('ExecutionRedriven', { redriveCount: execution.redriveCount });
    this.runs.set(execution, new ExecutionRun(execution, this.env, resumeFrom));
    this.waiters.recheck();
    return execution.redriveDate as Date;
  }

  /**
   * Resolves with the execution's description once it has ended (SUCCEEDED, FAILED, TIMED_OUT or
   * ABORTED) and its history is complete; waits for it to be started if it is not yet.
   */
  async waitForExecution(executionArnOrName: string): Promise<ExecutionDescription> {
    for (;;) {
      await this.waiters.waitFor(() => {
        const execution = this.lookup(executionArnOrName);
        return execution !== undefined && execution.status !== 'RUNNING';
      });
      const execution = this.lookup(executionArnOrName) as Execution;
      await execution.settled;
      if (execution.status !== 'RUNNING') return execution.describe();
    }
  }

  /** Stops every running execution (ABORTED) and refuses new ones; waits end with an error. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const execution of this.executionsByArn.values()) {
      if (execution.status === 'RUNNING')
        this.runs.get(execution)?.stop({ error: 'Local.Shutdown', cause: 'The local stack stopped' });
    }
    await Promise.all([...this.executionsByArn.values()].map((execution) => execution.settled));
    this.waiters.close('The local Step Functions closed');
  }

  private assertOpen(): void {
    if (this.closed) throw sfnErrors.validation('The local Step Functions is closed');
  }
}
