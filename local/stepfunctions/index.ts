/**
 * Step Functions in this process: the state machine the synthesized template declares, run by
 * aws-local-stepfunctions with each Task calling its step's real handler, behind a local SFN
 * endpoint that unchanged SDK clients reach through AWS_ENDPOINT_URL_SFN. Wait states and Retry
 * pauses run on a scaled clock; the rest is the definition as it deploys.
 *
 *   const steps = await startLocalStepFunctions({ definition, loadHandler, timeScale: 0.01 });
 *   Object.assign(process.env, steps.env); // AWS_ENDPOINT_URL_SFN and the state machine ARN
 *   ...
 *   steps.faults.failNext('PurgeItems', { times: 2, error: { name: 'TransientStepError' } });
 *   const done = await steps.waitForExecution(name);
 *   await steps.close();
 */
import { envNames } from '../../lambdas/shared/config';
import { defaultStepTimeScale, localEnvNames } from '../config';
import { importSource, type HandlerLoader } from '../handler-loader';
import type { ExecutionDescription, RetryRecord } from './execution';
import type { HistoryEvent } from './execution-history';
import type { StepFaultPlanner } from './faults';
import { LocalStateMachine } from './local-state-machine';
import { startSfnEndpoint } from './sfn-endpoint';
import type { LocalStateMachineDefinition } from './state-machine-definition';

export type { ExecutionDescription, ExecutionStatus, RetryRecord } from './execution';
export type { HistoryEvent } from './execution-history';
export type { CrashOptions, FailNextOptions, StepFaultPlanner } from './faults';
export {
  loadStateMachineDefinition,
  type LocalStateMachineDefinition,
  type StepSource,
} from './state-machine-definition';

export interface StartLocalStepFunctionsOptions {
  /** The state machine, from loadStateMachineDefinition (or pictorDeletionWorkflow for the app's). */
  definition: LocalStateMachineDefinition;
  /** How a step's handler module is loaded. @default importSource */
  loadHandler?: HandlerLoader;
  /** Local duration of one AWS second for Wait states and Retry pauses. @default defaultStepTimeScale (0.01) */
  timeScale?: number;
  /** Merged into process.env before any handler loads (handlers read their config from it), as the router does. */
  env?: Record<string, string>;
  /** The variable through which handlers find the state machine's ARN. @default envNames.deletionStateMachineArn */
  stateMachineArnEnv?: string;
  /** Task handler errors. @default console.log */
  log?: (line: string) => void;
  /** The endpoint's port; 0 picks a free one. @default 0 */
  port?: number;
  /** Draws full-jitter fractions in [0, 1). @default Math.random */
  random?: () => number;
}

export interface LocalStepFunctions {
  /** The SFN endpoint, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly timeScale: number;
  /** AWS_ENDPOINT_URL_SFN and the state machine ARN's variable, for the handlers' environment. */
  readonly env: Record<string, string>;
  /** Where the local run differs from AWS for this definition (see loadStateMachineDefinition). */
  readonly warnings: readonly string[];
  /** Test seam: failures and crashes planned for a step's next invocations. */
  readonly faults: StepFaultPlanner;
  /** Resolves when the execution (ARN or name) has ended, with its description; waits for it to start if need be. */
  waitForExecution(executionArnOrName: string): Promise<ExecutionDescription>;
  /** Every execution, newest first. */
  executions(): ExecutionDescription[];
  /** The execution's events, as GetExecutionHistory returns them, across redrives. */
  history(executionArnOrName: string): readonly HistoryEvent[];
  /** The names of the states the execution entered, in order, across redrives. */
  statesRun(executionArnOrName: string): string[];
  /** The retries it made, each with its scaled pause. */
  retries(executionArnOrName: string): readonly RetryRecord[];
  /** Stops running executions (ABORTED) and the endpoint. */
  close(): Promise<void>;
}

export async function startLocalStepFunctions(options: StartLocalStepFunctionsOptions): Promise<LocalStepFunctions> {
  if (options.env) Object.assign(process.env, options.env);
  const timeScale = options.timeScale ?? defaultStepTimeScale;
  const log = options.log ?? ((line: string) => console.log(line));
  const machine = new LocalStateMachine({
    definition: options.definition,
    loadHandler: options.loadHandler ?? importSource,
    timeScale,
    random: options.random,
    log,
  });
  const endpoint = await startSfnEndpoint({ machine, port: options.port ?? 0, log });

  const executionOf = (executionArnOrName: string) => {
    const execution = machine.lookup(executionArnOrName);
    if (!execution) throw new Error(`No execution ${executionArnOrName} of ${machine.name}`);
    return execution;
  };

  return {
    endpoint: endpoint.url,
    stateMachineArn: machine.arn,
    stateMachineName: machine.name,
    timeScale,
    env: {
      [localEnvNames.sfnEndpoint]: endpoint.url,
      [options.stateMachineArnEnv ?? envNames.deletionStateMachineArn]: machine.arn,
    },
    warnings: options.definition.warnings,
    faults: machine.faults,
    waitForExecution: (executionArnOrName) => machine.waitForExecution(executionArnOrName),
    executions: () => machine.list().map((execution) => execution.describe()),
    history: (executionArnOrName) => executionOf(executionArnOrName).history.events(),
    statesRun: (executionArnOrName) => executionOf(executionArnOrName).history.statesEntered(),
    retries: (executionArnOrName) => executionOf(executionArnOrName).retries,
    close: async () => {
      await machine.close();
      await endpoint.close();
    },
  };
}
