/**
 * Two places where aws-local-stepfunctions differs from AWS, bridged for ./execution-run.ts:
 * the library stamps `$$.Execution.StartTime` with `new Date()` when a run is created, and
 * starts every run at StartAt with the run's input. A redrive in AWS keeps the first run's start
 * time and resumes the failed state with the input it had; these make the library do the same.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { ResumePoint } from './execution';

/** The state a redriven run starts in; it never shows in the history. */
export const redriveEntryState = '(local redrive entry)';

/** Runs `create` with `new Date()` answering `at` (Date.now and everything else untouched); it must not yield. */
export function withNewDateAt<T>(at: Date, create: () => T): T {
  const RealDate = globalThis.Date;
  function PinnedDate(this: unknown, ...args: unknown[]) {
    if (!new.target) return RealDate();
    return Reflect.construct(RealDate, args.length > 0 ? args : [at.getTime()], new.target);
  }
  PinnedDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(PinnedDate, RealDate);
  globalThis.Date = PinnedDate as unknown as DateConstructor;
  try {
    return create();
  } finally {
    globalThis.Date = RealDate;
  }
}

/** The definition with a first Pass state whose Result is the resumed state's input. */
export function resumingDefinition(definition: StateMachineDefinition, from: ResumePoint): StateMachineDefinition {
  return {
    ...definition,
    StartAt: redriveEntryState,
    States: {
      ...definition.States,
      [redriveEntryState]: { Type: 'Pass', Result: from.input as never, Next: from.state },
    },
  };
}
