/**
 * An execution's event history in the shape GetExecutionHistory returns (HistoryEvent of
 * @aws-sdk/client-sfn: id, previousEventId, timestamp, type and one `<type>EventDetails`), kept
 * across redrives as AWS keeps it. Only the basic events are written: execution start, end and
 * redrive; each state's entry and exit; each Lambda invocation's schedule, start and outcome.
 */

export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | 'ExecutionRedriven'
  | `${'Task' | 'Choice' | 'Pass' | 'Wait' | 'Succeed'}StateEntered`
  | `${'Task' | 'Choice' | 'Pass' | 'Wait' | 'Succeed'}StateExited`
  | 'FailStateEntered'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut';

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: HistoryEventType;
  /** The one details member, e.g. `stateEnteredEventDetails: { name, input }`. */
  readonly [details: string]: unknown;
}

/** `TaskStateEntered` → `stateEnteredEventDetails`, `LambdaFunctionFailed` → `lambdaFunctionFailedEventDetails`. */
function detailsKey(type: HistoryEventType): string {
  const stateEvent = /^[A-Za-z]+State(Entered|Exited)$/.exec(type);
  if (stateEvent) return `state${stateEvent[1]}EventDetails`;
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}

export class ExecutionHistory {
  private readonly list: HistoryEvent[] = [];

  add(type: HistoryEventType, details?: Record<string, unknown>): HistoryEvent {
    const id = this.list.length + 1;
    const event: HistoryEvent = {
      id,
      previousEventId: id - 1,
      timestamp: new Date(),
      type,
      ...(details ? { [detailsKey(type)]: details } : {}),
    };
    this.list.push(event);
    return event;
  }

  events(): readonly HistoryEvent[] {
    return this.list;
  }

  /** The names of the states entered, in order, across redrives: which states ran. */
  statesEntered(): string[] {
    return this.list.flatMap((event) => {
      const details = event.stateEnteredEventDetails as { name: string } | undefined;
      return details ? [details.name] : [];
    });
  }
}
