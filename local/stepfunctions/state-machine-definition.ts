/**
 * The state machine as the synthesized template declares it: its definition with every
 * intrinsic resolved (nothing else changed), and, for each Task state, the step whose handler
 * it invokes. A Task's `Resource` is its function's ARN (LambdaInvoke with payloadResponseOnly);
 * the function's construct path, `<machine scope>/<StepId>/...`, names the step, and the step
 * table (lib/deletion-workflow.ts) gives the handler module.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { localRegion } from '../config';
import type { CfnResource, CfnTemplate } from '../synth-template';
import { resolveIntrinsics, type IntrinsicScope } from './intrinsics';
import {
  localFunctionArn,
  localPseudoParameters,
  localStateMachineArn,
  localStateMachineName,
  logicalIdOfFunctionArn,
} from './names';

/** What the local stack needs of a step-table row: its id and repo-relative handler module. */
export interface StepSource {
  readonly id: string;
  readonly entry: string;
}

export interface SynthesizedStack {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

/** The function a Task state invokes, as the local stack runs it. */
export interface TaskFunction {
  readonly stateName: string;
  readonly stepId: string;
  readonly entry: string;
  readonly logicalId: string;
  readonly arn: string;
  /** The function's own timeout (Lambda's default, 3 s, when the template sets none). */
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
}

export interface LocalStateMachineDefinition {
  /** `pictor-<kebab construct id>-local`, e.g. `pictor-account-deletion-local`. */
  readonly name: string;
  readonly arn: string;
  readonly logicalId: string;
  readonly constructPath: string;
  readonly definition: StateMachineDefinition;
  /** By Task state name. */
  readonly tasks: ReadonlyMap<string, TaskFunction>;
  /** Steps of the table no Task state invokes. */
  readonly unusedSteps: readonly string[];
  /** Where the local run will differ from AWS, one line each (the start-up banner prints them). */
  readonly warnings: readonly string[];
}

export interface LoadDefinitionOptions {
  /** The stack holding the state machine. */
  stack: SynthesizedStack;
  /** Stacks it may import values from. */
  otherStacks?: readonly SynthesizedStack[];
  steps: readonly StepSource[];
  /** Picks the state machine when the stack holds several: the construct path must contain it. */
  pathContains?: string;
  /** @default localRegion */
  region?: string;
}

export class StateMachineDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateMachineDefinitionError';
  }
}

const cdkPathOf = (resource: CfnResource): string | undefined => {
  const path = resource.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : undefined;
};

/** Lambda's default timeout and memory, for functions whose template leaves them out. */
const lambdaDefaults = { timeoutSeconds: 3, memorySizeMb: 128 };
/** setTimeout's ceiling: a longer timer fires at once, so such a timeout could never hold locally. */
const maxTimerSeconds = Math.floor((2 ** 31 - 1) / 1000);

/** The resolution scope of one stack: Lambda functions by ARN and name; exports of the other stacks. */
function stackScope(stack: SynthesizedStack, all: readonly SynthesizedStack[], region: string): IntrinsicScope {
  const resources = stack.template.Resources ?? {};
  const pseudo = localPseudoParameters(stack.stackName, region);
  const isFunction = (logicalId: string) => resources[logicalId]?.Type === 'AWS::Lambda::Function';
  return {
    pseudoParameter: (name) => pseudo[name],
    ref: (logicalId) => (isFunction(logicalId) ? logicalId : undefined),
    getAtt: (logicalId, attribute) =>
      isFunction(logicalId) && attribute === 'Arn' ? localFunctionArn(logicalId, region) : undefined,
    importValue(name) {
      for (const other of all) {
        for (const output of Object.values(other.template.Outputs ?? {})) {
          const scope = stackScope(other, all, region);
          if (output.Export && resolveIntrinsics(output.Export.Name, scope, `${other.stackName} exports`) === name) {
            return resolveIntrinsics(output.Value, scope, `${other.stackName} export ${name}`);
          }
        }
      }
      return undefined;
    },
  };
}

function findStateMachine(stack: SynthesizedStack, pathContains: string | undefined): [string, CfnResource] {
  const machines = Object.entries(stack.template.Resources ?? {}).filter(
    ([, resource]) =>
      resource.Type === 'AWS::StepFunctions::StateMachine' &&
      (pathContains === undefined || cdkPathOf(resource)?.includes(pathContains)),
  );
  if (machines.length !== 1) {
    const which = pathContains ? ` whose construct path contains "${pathContains}"` : '';
    const ids = machines.map(([id]) => id).join(', ') || 'none';
    throw new StateMachineDefinitionError(
      `${stack.stackName} holds ${machines.length} AWS::StepFunctions::StateMachine resources${which} (${ids}); ` +
        'the local stack runs exactly one.',
    );
  }
  return machines[0];
}

/** The definition text with DefinitionSubstitutions (`${name}`) filled in, as Step Functions does on create. */
function definitionText(logicalId: string, properties: Record<string, any>, scope: IntrinsicScope): string {
  const where = `${logicalId}.DefinitionString`;
  let text: unknown;
  if (properties.DefinitionString !== undefined) text = resolveIntrinsics(properties.DefinitionString, scope, where);
  else if (properties.Definition !== undefined)
    text = JSON.stringify(resolveIntrinsics(properties.Definition, scope, `${logicalId}.Definition`));
  else
    throw new StateMachineDefinitionError(
      `${logicalId} has no DefinitionString or Definition (a definition in S3 is not supported locally).`,
    );
  if (typeof text !== 'string') throw new StateMachineDefinitionError(`${where} does not resolve to a string.`);
  const substitutions = resolveIntrinsics(
    properties.DefinitionSubstitutions ?? {},
    scope,
    `${logicalId}.DefinitionSubstitutions`,
  ) as Record<string, unknown>;
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) =>
    Object.hasOwn(substitutions, name) ? String(substitutions[name]) : whole,
  );
}

/** The function behind one Task state, through its construct path and the step table. */
function taskFunction(
  stateName: string,
  state: Record<string, any>,
  context: { stack: SynthesizedStack; scopePath: string; steps: ReadonlyMap<string, StepSource>; region: string },
): TaskFunction {
  const resource = state.Resource;
  const logicalId = typeof resource === 'string' ? logicalIdOfFunctionArn(resource) : undefined;
  if (!logicalId) {
    throw new StateMachineDefinitionError(
      `Task ${stateName} has Resource ${JSON.stringify(resource)}; ` +
        "the local stack runs only Tasks whose Resource is a Lambda function's ARN " +
        '(LambdaInvoke with payloadResponseOnly).',
    );
  }
  const fn = context.stack.template.Resources?.[logicalId];
  if (fn?.Type !== 'AWS::Lambda::Function')
    throw new StateMachineDefinitionError(
      `Task ${stateName} invokes ${logicalId}, which is not an AWS::Lambda::Function of ${context.stack.stackName}.`,
    );
  const path = cdkPathOf(fn);
  if (!path)
    throw new StateMachineDefinitionError(
      `${logicalId} has no aws:cdk:path metadata: synthesize with path metadata (local/synth-template.ts does).`,
    );
  const stepId = path.startsWith(context.scopePath) ? path.slice(context.scopePath.length).split('/')[0] : undefined;
  if (!stepId)
    throw new StateMachineDefinitionError(
      `Task ${stateName} invokes ${path}, which is not a step under ${context.scopePath}.`,
    );
  const step = context.steps.get(stepId);
  if (!step)
    throw new StateMachineDefinitionError(
      `Task ${stateName} invokes the function of step ${stepId} (${path}), which the step table does not list.`,
    );
  return {
    stateName,
    stepId,
    entry: step.entry,
    logicalId,
    arn: localFunctionArn(logicalId, context.region),
    timeoutSeconds: Number(fn.Properties?.Timeout ?? lambdaDefaults.timeoutSeconds),
    memorySizeMb: Number(fn.Properties?.MemorySize ?? lambdaDefaults.memorySizeMb),
  };
}

function assertTimerFits(seconds: unknown, what: string): void {
  if (typeof seconds === 'number' && seconds > maxTimerSeconds) {
    throw new StateMachineDefinitionError(
      `${what} is ${seconds} s; the local runner's timers hold at most ${maxTimerSeconds} s.`,
    );
  }
}

/** Finds the stack's one state machine, resolves its definition and maps every Task to its step's handler. */
export function loadStateMachineDefinition(options: LoadDefinitionOptions): LocalStateMachineDefinition {
  const region = options.region ?? localRegion;
  const allStacks = [options.stack, ...(options.otherStacks ?? [])];
  const [logicalId, machine] = findStateMachine(options.stack, options.pathContains);
  const constructPath = cdkPathOf(machine);
  const segments = constructPath?.split('/') ?? [];
  // `<stack>/<Scope>/<MachineId>/Resource`: the steps' functions live under `<stack>/<Scope>/`.
  if (segments.length < 3 || segments.at(-1) !== 'Resource') {
    throw new StateMachineDefinitionError(
      `${logicalId} has no construct path (aws:cdk:path) ending in /Resource; synthesize with path metadata.`,
    );
  }
  const scopePath = `${segments.slice(0, -2).join('/')}/`;
  const name = localStateMachineName(segments.at(-3) ?? segments.at(-2) ?? logicalId);

  const text = definitionText(logicalId, machine.Properties ?? {}, stackScope(options.stack, allStacks, region));
  let definition: StateMachineDefinition;
  try {
    definition = JSON.parse(text) as StateMachineDefinition;
  } catch (error) {
    throw new StateMachineDefinitionError(
      `${logicalId}'s resolved definition is not JSON: ${(error as Error).message}`,
    );
  }

  const steps = new Map(options.steps.map((step) => [step.id, step]));
  const tasks = new Map<string, TaskFunction>();
  const warnings: string[] = [];
  assertTimerFits(definition.TimeoutSeconds, `${name}'s TimeoutSeconds`);
  for (const [stateName, state] of Object.entries(definition.States ?? {}) as [string, Record<string, any>][]) {
    if (state.Type === 'Map' || state.Type === 'Parallel') {
      // Retry pacing and redrive track states by name, which a state run in parallel would confuse.
      throw new StateMachineDefinitionError(
        `State ${stateName} is a ${state.Type}; ` +
          'the local Step Functions runs definitions without Map or Parallel states.',
      );
    }
    if (state.Type === 'Task') {
      tasks.set(stateName, taskFunction(stateName, state, { stack: options.stack, scopePath, steps, region }));
      assertTimerFits(state.TimeoutSeconds, `Task ${stateName}'s TimeoutSeconds`);
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        warnings.push(
          `Task ${stateName} has no TimeoutSeconds: ` +
            'AWS lets it run for up to a year, aws-local-stepfunctions stops it after 60 s.',
        );
      }
    }
    if (state.Type === 'Wait' && (state.SecondsPath !== undefined || state.TimestampPath !== undefined)) {
      warnings.push(`Wait ${stateName} reads its time from the input: it waits AWS's full time, not scaled.`);
    }
  }
  const used = new Set([...tasks.values()].map((task) => task.stepId));
  return {
    name,
    arn: localStateMachineArn(name, region),
    logicalId,
    constructPath: constructPath as string,
    definition,
    tasks,
    unusedSteps: options.steps.map((step) => step.id).filter((id) => !used.has(id)),
    warnings,
  };
}
