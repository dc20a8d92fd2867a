/**
 * Faults tests plan for a step's next invocations: a failure Lambda would report (to exercise
 * Retry and Catch), or a crash that takes the execution down mid-step (to exercise redrive and
 * the steps' idempotency). Each planned fault is used up by the invocation it hits.
 */

export interface FailNextOptions {
  /** How many invocations in a row fail. @default 1 */
  times?: number;
  /** The error the invocation throws: its name is what Retry and Catch match. @default name 'Error' */
  error?: { name?: string; message?: string };
}

export interface CrashOptions {
  /**
   * false: the execution stops as the step's handler starts, and the handler never runs.
   * true: the handler runs to the end (its writes happen) and the execution stops before its
   * result is recorded, as a crash right after the work would leave it.
   * @default false
   */
  afterWork?: boolean;
}

export type PlannedFault = { kind: 'fail'; error: Error } | { kind: 'crash'; afterWork: boolean };

/** The test seam: `faults.failNext(step, …)`, `faults.crashDuring(step, …)`, `faults.refuseStarts()`. */
export interface StepFaultPlanner {
  /**
   * Every StartExecution is refused with AccessDeniedException (as after a deploy that lost the
   * permission) until `clear()`: the caller's start is lost and nothing runs.
   */
  refuseStarts(): void;
  /** The step's next `times` invocations throw before its handler runs. */
  failNext(stepId: string, options?: FailNextOptions): void;
  /** The step's next invocation crashes the execution: it ends ABORTED, ready to redrive. */
  crashDuring(stepId: string, options?: CrashOptions): void;
  /** Forgets every planned fault. */
  clear(): void;
}

export class StepFaults implements StepFaultPlanner {
  private readonly planned = new Map<string, PlannedFault[]>();
  private readonly stepIds: ReadonlySet<string>;
  /** Whether StartExecution is refused (`refuseStarts`). */
  refusingStarts = false;

  constructor(stepIds: Iterable<string>) {
    this.stepIds = new Set(stepIds);
  }

  failNext(stepId: string, { times = 1, error = {} }: FailNextOptions = {}): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`failNext(${stepId}) needs times ≥ 1, not ${times}`);
    for (let i = 0; i < times; i += 1) {
      const failure = new Error(error.message ?? `faults.failNext('${stepId}') failed this invocation`);
      failure.name = error.name ?? 'Error';
      this.plan(stepId, { kind: 'fail', error: failure });
    }
  }

  crashDuring(stepId: string, { afterWork = false }: CrashOptions = {}): void {
    this.plan(stepId, { kind: 'crash', afterWork });
  }

  refuseStarts(): void {
    this.refusingStarts = true;
  }

  clear(): void {
    this.planned.clear();
    this.refusingStarts = false;
  }

  /** The fault planned for this invocation of the step, if any; it is used up. */
  take(stepId: string): PlannedFault | undefined {
    const queue = this.planned.get(stepId);
    const fault = queue?.shift();
    if (queue?.length === 0) this.planned.delete(stepId);
    return fault;
  }

  private plan(stepId: string, fault: PlannedFault): void {
    // A typo would otherwise plan a fault nothing ever hits, and the test would pass for the wrong reason.
    if (!this.stepIds.has(stepId))
      throw new Error(`No Task invokes step ${stepId}; the steps are: ${[...this.stepIds].join(', ')}`);
    const queue = this.planned.get(stepId) ?? [];
    queue.push(fault);
    this.planned.set(stepId, queue);
  }
}
