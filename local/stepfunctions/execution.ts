/**
 * One execution of the local state machine, as DescribeExecution reports it: status, input and
 * output, error and cause, dates, redrives, and its event history. The run that moves it along
 * lives in execution-run.ts; a redrive starts a new run on the same execution.
 */
import { ExecutionHistory } from './execution-history';
import type { JSONValue } from './lambda-task';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
export type RedriveStatus = 'REDRIVABLE' | 'NOT_REDRIVABLE';

/** DescribeExecution's answer, with Dates (the endpoint sends them as epoch seconds). */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveDate?: Date;
  redriveStatus: RedriveStatus;
  redriveStatusReason?: string;
}

/**
 * One retry the state machine made: which state, which of its retriers, the attempt, and the
 * (scaled) pause before it.
 */
export interface RetryRecord {
  state: string;
  retrierIndex: number;
  attempt: number;
  pauseMs?: number;
}

/** Where a redrive picks up: the state that was running or failed, and the input it was given. */
export interface ResumePoint {
  state: string;
  input: JSONValue;
}

/** Step Functions' limits on redrive. */
const maxRedrives = 1000;
const redriveWindowMs = 14 * 24 * 60 * 60 * 1000;

export class Execution {
  status: ExecutionStatus = 'RUNNING';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount = 0;
  redriveDate?: Date;
  readonly history = new ExecutionHistory();
  readonly retries: RetryRecord[] = [];
  /** Set when a run ends unsuccessfully with a state in progress. */
  resumePoint?: ResumePoint;
  /** Resolves once the current run has wound down (its events read, its end recorded). */
  settled: Promise<void> = Promise.resolve();

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly stateMachineArn: string,
    readonly input: string,
    readonly startDate: Date,
  ) {}

  /** Why a redrive would be refused, or undefined when it may go ahead. */
  notRedrivableBecause(now = Date.now()): string | undefined {
    if (this.status === 'RUNNING' || this.status === 'SUCCEEDED')
      return `Execution is ${this.status} and cannot be redriven`;
    if (this.redriveCount >= maxRedrives)
      return `Execution has been redriven ${maxRedrives} times, the most Step Functions allows`;
    if (this.stopDate && now - this.stopDate.getTime() > redriveWindowMs)
      return 'Execution stopped more than 14 days ago';
    if (!this.resumePoint) return 'Execution has no state to resume from';
    return undefined;
  }

  describe(): ExecutionDescription {
    const reason = this.notRedrivableBecause();
    return {
      executionArn: this.arn,
      stateMachineArn: this.stateMachineArn,
      name: this.name,
      status: this.status,
      startDate: this.startDate,
      ...(this.stopDate ? { stopDate: this.stopDate } : {}),
      input: this.input,
      ...(this.output !== undefined ? { output: this.output } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
      ...(this.cause !== undefined ? { cause: this.cause } : {}),
      redriveCount: this.redriveCount,
      ...(this.redriveDate ? { redriveDate: this.redriveDate } : {}),
      redriveStatus: reason ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
      ...(reason ? { redriveStatusReason: reason } : {}),
    };
  }
}
