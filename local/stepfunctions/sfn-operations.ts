/**
 * The Step Functions actions the local endpoint answers, as functions from the JSON request body
 * to the JSON response body (the AWS JSON 1.0 shapes @aws-sdk/client-sfn sends and expects;
 * timestamps travel as epoch seconds). Errors are thrown as SfnError; the HTTP layer
 * (sfn-endpoint.ts) turns them into Step Functions' error responses.
 */
import type { ExecutionDescription, ExecutionStatus } from './execution';
import type { HistoryEvent } from './execution-history';
import type { LocalStateMachine } from './local-state-machine';
import { sfnErrors } from './sfn-errors';

type Input = Record<string, unknown>;
type Operation = (
  input: Input,
  machine: LocalStateMachine,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

const statuses: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const defaultPageSize = 100;
const maxPageSize = 1000;

const epochSeconds = (date: Date) => date.getTime() / 1000;

/** Dates as epoch seconds, absent members left out. */
function onTheWire(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, value instanceof Date ? epochSeconds(value) : value]),
  );
}

/** A page of `items` from the opaque `nextToken` (the offset, base64url). */
function page<T>(items: readonly T[], input: Input): { items: T[]; nextToken?: string } {
  const size = input.maxResults === undefined || input.maxResults === 0 ? defaultPageSize : Number(input.maxResults);
  if (!Number.isInteger(size) || size < 0 || size > maxPageSize)
    throw sfnErrors.validation(`maxResults must be between 0 and ${maxPageSize}`);
  let offset = 0;
  if (input.nextToken !== undefined) {
    offset = Number(Buffer.from(String(input.nextToken), 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0 || offset > items.length) throw sfnErrors.invalidToken(input.nextToken);
  }
  const next = offset + size;
  return {
    items: items.slice(offset, next),
    ...(next < items.length ? { nextToken: Buffer.from(String(next), 'utf8').toString('base64url') } : {}),
  };
}

function optionalText(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw sfnErrors.validation(`${name} must be a string`);
  return value;
}

const describeOnTheWire = (description: ExecutionDescription) => onTheWire(description);

/** Input and output members of the history's details, dropped when includeExecutionData is false. */
function withoutData(event: HistoryEvent): HistoryEvent {
  return Object.fromEntries(
    Object.entries(event).map(([key, value]) => {
      if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) return [key, value];
      const { input: _input, output: _output, ...rest } = value as Record<string, unknown>;
      return [key, rest];
    }),
  ) as HistoryEvent;
}

export const operations: Record<string, Operation> = {
  StartExecution(input, machine) {
    const started = machine.start({ stateMachineArn: input.stateMachineArn, name: input.name, input: input.input });
    return onTheWire(started);
  },

  DescribeExecution(input, machine) {
    return describeOnTheWire(machine.find(input.executionArn).describe());
  },

  ListExecutions(input, machine) {
    if (input.mapRunArn !== undefined) throw sfnErrors.validation('The local Step Functions has no Map Runs');
    const arn = input.stateMachineArn;
    if (typeof arn !== 'string' || arn === '') throw sfnErrors.missingParameter('stateMachineArn');
    if (arn !== machine.arn) throw sfnErrors.stateMachineDoesNotExist(arn);
    const status = input.statusFilter as ExecutionStatus | undefined;
    if (status !== undefined && !statuses.includes(status))
      throw sfnErrors.validation(`statusFilter must be one of ${statuses.join(', ')}`);
    const redrive = input.redriveFilter;
    if (redrive !== undefined && redrive !== 'REDRIVEN' && redrive !== 'NOT_REDRIVEN')
      throw sfnErrors.validation('redriveFilter must be REDRIVEN or NOT_REDRIVEN');
    const { items, nextToken } = page(
      machine.list({ status, redriven: redrive === undefined ? undefined : redrive === 'REDRIVEN' }),
      input,
    );
    return {
      executions: items.map((execution) => {
        const {
          executionArn,
          stateMachineArn,
          name,
          status: current,
          startDate,
          stopDate,
          redriveCount,
          redriveDate,
        } = execution.describe();
        return onTheWire({
          executionArn,
          stateMachineArn,
          name,
          status: current,
          startDate,
          stopDate,
          redriveCount,
          redriveDate,
        });
      }),
      ...(nextToken ? { nextToken } : {}),
    };
  },

  async StopExecution(input, machine) {
    const stopDate = await machine.stop(input.executionArn, {
      error: optionalText(input, 'error'),
      cause: optionalText(input, 'cause'),
    });
    return { stopDate: epochSeconds(stopDate) };
  },

  async RedriveExecution(input, machine) {
    return { redriveDate: epochSeconds(await machine.redrive(input.executionArn)) };
  },

  GetExecutionHistory(input, machine) {
    const execution = machine.find(input.executionArn);
    let events = [...execution.history.events()];
    if (input.reverseOrder === true) events.reverse();
    if (input.includeExecutionData === false) events = events.map(withoutData);
    const { items, nextToken } = page(events, input);
    return { events: items.map(onTheWire), ...(nextToken ? { nextToken } : {}) };
  },

  DescribeStateMachine(input, machine) {
    if (input.stateMachineArn !== machine.arn) throw sfnErrors.stateMachineDoesNotExist(String(input.stateMachineArn));
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: JSON.stringify(machine.definition),
      roleArn: machine.roleArn,
      type: 'STANDARD',
      creationDate: epochSeconds(machine.createdAt),
    };
  },

  ListStateMachines(_input, machine) {
    return {
      stateMachines: [
        {
          stateMachineArn: machine.arn,
          name: machine.name,
          type: 'STANDARD',
          creationDate: epochSeconds(machine.createdAt),
        },
      ],
    };
  },
};
