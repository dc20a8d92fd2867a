/**
 * The fixture workflow on the local Step Functions, with in-memory step handlers that count their
 * invocations and can be held mid-run, and a real @aws-sdk/client-sfn client on the endpoint.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import type { Handler } from '../../../local/handler-loader';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../../local/stepfunctions';
import { loadStateMachineDefinition } from '../../../local/stepfunctions/state-machine-definition';
import {
  fixtureDefinition,
  fixtureStackName,
  fixtureSteps,
  fixtureTemplate,
  stepIds,
  type StepId,
} from '../../fixtures/stepfunctions/deletion-template';

export type StepImpl = (event: any, context: Context) => Promise<unknown>;

export interface Gate {
  /** Resolves when the held invocation has started. */
  started: Promise<unknown>;
  /** Lets the held invocation finish (with the step's normal behaviour). */
  release(): void;
}

export interface Harness {
  steps: LocalStepFunctions;
  sfn: SFNClient;
  /** Every event each step was invoked with, in order. */
  calls: Record<StepId, unknown[]>;
  /** Replace a step's behaviour. */
  impl: Record<StepId, StepImpl>;
  /** Holds the step's next invocation until released. */
  hold(step: StepId): Gate;
  logs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** PurgeItems pages before it reports done. @default 1 */
  purgePages?: number;
  definition?: unknown;
  random?: () => number;
  functionTimeoutSeconds?: number;
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const pages = options.purgePages ?? 1;
  const calls = Object.fromEntries(stepIds.map((id) => [id, [] as unknown[]])) as Record<StepId, unknown[]>;
  const held = new Map<StepId, { started: (event: unknown) => void; released: Promise<void> }>();
  const impl: Record<StepId, StepImpl> = {
    MarkDeleting: async () => ({ marked: true }),
    PurgeItems: async () => ({ done: calls.PurgeItems.length >= pages, removed: 10 }),
    WriteReceipt: async (event) => ({ subjectHash: 'hash-of-user', startedAt: event.startedAt }),
    RecordFailure: async () => null,
  };
  const handlerFor =
    (step: StepId): Handler =>
    async (event, context) => {
      calls[step].push(event);
      const gate = held.get(step);
      if (gate) {
        held.delete(step);
        gate.started(event);
        await gate.released;
      }
      return impl[step](event, context as Context);
    };
  const byEntry = new Map(fixtureSteps.map((step) => [step.entry, handlerFor(step.id as StepId)]));
  const logs: string[] = [];
  const definition = loadStateMachineDefinition({
    stack: {
      stackName: fixtureStackName,
      template: fixtureTemplate(options.definition ?? fixtureDefinition, options.functionTimeoutSeconds),
    },
    steps: fixtureSteps,
  });
  const steps = await startLocalStepFunctions({
    definition,
    loadHandler: async ({ entry }) => byEntry.get(entry) as Handler,
    timeScale: 0.001,
    random: options.random,
    log: (line) => logs.push(line),
  });
  const sfn = new SFNClient({
    endpoint: steps.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // A refused request must show as the error it is, not be retried into another.
    maxAttempts: 1,
  });
  return {
    steps,
    sfn,
    calls,
    impl,
    logs,
    hold(step) {
      const started = deferred<unknown>();
      const released = deferred();
      held.set(step, { started: started.resolve, released: released.promise });
      return { started: started.promise, release: () => released.resolve() };
    },
    close: async () => {
      sfn.destroy();
      await steps.close();
    },
  };
}
