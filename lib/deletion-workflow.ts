/**
 * The account-deletion workflow's task steps, declared once like the routes and workers, in the
 * order they run. The CDK construct (lib/constructs/deletion-workflow.ts) builds one function and
 * one Task state per row (the state is named by `id`) and chains them; the local stack runs the
 * synthesized definition with each Task mapped back to its row's handler (local/stepfunctions).
 */
import type { Capability, TableAccess } from './routes';

export interface DeletionStepDefinition {
  /** PascalCase: the Task state's name and the function's construct id. */
  readonly id: string;
  /** Handler module, relative to the repository root; it exports `handler` (lambdas/shared/workflow-step.ts). */
  readonly entry: string;
  readonly table: TableAccess;
  readonly uses: readonly Capability[];
  /**
   * The function's timeout; the Task's TimeoutSeconds is a little longer, so Lambda's own
   * timeout is what normally fires.
   */
  readonly timeoutSeconds: number;
  /** @default lambdaRuntimeDefaults.memorySizeMb */
  readonly memorySizeMb?: number;
  /** A purge: it returns `{ done }`, and a Choice runs it again until done. */
  readonly loopsUntilDone?: boolean;
  /** The input beyond `{ userId }` the state passes (JSONPath values), e.g. the execution's start time. */
  readonly extraInput?: Readonly<Record<string, string>>;
}

const dir = 'lambdas/workflows/account-deletion';

/** The steps in order (ARCHITECTURE §10). */
export const deletionSteps: readonly DeletionStepDefinition[] = [
  { id: 'MarkDeleting', entry: `${dir}/mark-deleting.ts`, table: 'readWrite', uses: [], timeoutSeconds: 10 },
  {
    id: 'DisableSignIn',
    entry: `${dir}/disable-sign-in.ts`,
    table: 'none',
    uses: ['disableSignInUsers'],
    timeoutSeconds: 10,
  },
  {
    id: 'RemoveSubscriber',
    entry: `${dir}/remove-subscriber.ts`,
    table: 'none',
    uses: ['removeSubscribers'],
    timeoutSeconds: 20,
  },
  {
    id: 'PurgeObjects',
    entry: `${dir}/purge-objects.ts`,
    table: 'none',
    uses: ['deleteImages'],
    timeoutSeconds: 120,
    loopsUntilDone: true,
  },
  {
    id: 'PurgeItems',
    entry: `${dir}/purge-items.ts`,
    table: 'readWrite',
    uses: ['hashUserIds'],
    timeoutSeconds: 120,
    memorySizeMb: 512,
    loopsUntilDone: true,
  },
  {
    id: 'WriteRetainedRecords',
    entry: `${dir}/write-retained-records.ts`,
    table: 'readWrite',
    uses: ['hashUserIds'],
    timeoutSeconds: 10,
  },
  {
    id: 'DeleteSignInUser',
    entry: `${dir}/delete-sign-in-user.ts`,
    table: 'none',
    uses: ['deleteSignInUsers'],
    timeoutSeconds: 10,
  },
  {
    id: 'WriteReceipt',
    entry: `${dir}/write-receipt.ts`,
    table: 'readWrite',
    uses: ['hashUserIds'],
    timeoutSeconds: 10,
    extraInput: { startedAt: '$$.Execution.StartTime' },
  },
];

/** The failure path's task: records which step ran out of retries; its invocations raise the alarm. */
export const recordFailureStep: DeletionStepDefinition = {
  id: 'RecordFailure',
  entry: `${dir}/record-failure.ts`,
  table: 'readWrite',
  uses: [],
  timeoutSeconds: 10,
};

/** Every step with a function: the task steps and the failure path's. */
export const allDeletionSteps: readonly DeletionStepDefinition[] = [...deletionSteps, recordFailureStep];

/**
 * After a step runs out of retries and the failure is recorded, the workflow waits this long and
 * runs the step again; it never gives up on its own (deleting is a promise, not a best effort).
 * The state machine's timeout bounds it: an execution stuck that long ends TIMED_OUT, alarms,
 * and is redriven from the step that was stuck once the cause is fixed.
 */
export const resumeAfterFailureSeconds = 15 * 60;
export const executionTimeoutHours = 24;
