/**
 * DescribeExecution, ListExecutions, StopExecution and GetExecutionHistory through the real
 * @aws-sdk/client-sfn, as the handlers and the inspection script use them.
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { fixtureDefinition } from '../../fixtures/stepfunctions/deletion-template';
import { startHarness, type Harness } from './harness';

let h: Harness;
afterEach(() => h.close());

const start = (name: string, userId = 'u1') =>
  h.sfn.send(
    new StartExecutionCommand({ stateMachineArn: h.steps.stateMachineArn, name, input: JSON.stringify({ userId }) }),
  );

describe('DescribeExecution', () => {
  it('reports a running execution, then its output, dates and redrive status once it succeeded', async () => {
    h = await startHarness({ purgePages: 2 });
    const gate = h.hold('PurgeItems');
    const { executionArn } = await start('delete-u1');
    await gate.started;

    const running = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({
      executionArn,
      name: 'delete-u1',
      status: 'RUNNING',
      input: '{"userId":"u1"}',
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    });
    expect(running.stopDate).toBeUndefined();
    expect(running.output).toBeUndefined();

    gate.release();
    await h.steps.waitForExecution(executionArn as string);
    const done = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      stateMachineArn: h.steps.stateMachineArn,
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    });
    expect(done.startDate).toEqual(running.startDate);
    expect((done.stopDate as Date).getTime()).toBeGreaterThanOrEqual((done.startDate as Date).getTime());
    // The receipt step was handed the execution's own start time from the context object.
    expect(JSON.parse(done.output as string)).toEqual({
      userId: 'u1',
      purge: { done: true, removed: 10 },
      receipt: { subjectHash: 'hash-of-user', startedAt: (done.startDate as Date).toISOString() },
    });
    expect(h.calls.PurgeItems).toHaveLength(2);
  });

  it('reports the error and cause of a failed execution, the Fail state’s', async () => {
    h = await startHarness();
    h.impl.MarkDeleting = async () => {
      throw Object.assign(new Error('the account vanished'), { name: 'AccountMissingError' });
    };
    const { executionArn } = await start('delete-u1');
    await h.steps.waitForExecution('delete-u1');

    const failed = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: 'AccountDeletionFailed',
      cause: 'A step ran out of retries',
      redriveStatus: 'REDRIVABLE',
    });
    // The failure path was given the step's error name, as Catch hands it over.
    expect(h.calls.RecordFailure).toEqual([{ userId: 'u1', error: 'AccountMissingError' }]);
  });

  it('answers ExecutionDoesNotExist for an unknown execution', async () => {
    h = await startHarness();
    const executionArn = `${h.steps.stateMachineArn.replace(':stateMachine:', ':execution:')}:nobody`;
    await expect(h.sfn.send(new DescribeExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });
});

describe('ListExecutions', () => {
  it('lists newest first and filters by status', async () => {
    h = await startHarness({ purgePages: 1 });
    await start('first', 'u1');
    await h.steps.waitForExecution('first');
    const gate = h.hold('MarkDeleting');
    await start('second', 'u2');
    await gate.started;

    const all = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: h.steps.stateMachineArn }));
    expect(all.executions?.map((execution) => [execution.name, execution.status])).toEqual([
      ['second', 'RUNNING'],
      ['first', 'SUCCEEDED'],
    ]);
    const running = await h.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: h.steps.stateMachineArn, statusFilter: 'RUNNING' }),
    );
    expect(running.executions?.map((execution) => execution.name)).toEqual(['second']);
    const aborted = await h.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: h.steps.stateMachineArn, statusFilter: 'ABORTED' }),
    );
    expect(aborted.executions).toEqual([]);
    gate.release();
  });

  it('pages with maxResults and nextToken', async () => {
    h = await startHarness();
    for (const name of ['a', 'b', 'c']) {
      await start(name);
      await h.steps.waitForExecution(name);
    }
    const first = await h.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: h.steps.stateMachineArn, maxResults: 2 }),
    );
    const rest = await h.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: h.steps.stateMachineArn,
        maxResults: 2,
        nextToken: first.nextToken,
      }),
    );
    expect(first.executions?.map((execution) => execution.name)).toEqual(['c', 'b']);
    expect(rest.executions?.map((execution) => execution.name)).toEqual(['a']);
    expect(rest.nextToken).toBeUndefined();
  });
});

describe('StopExecution', () => {
  it('aborts a running execution: ABORTED with the given error and cause, and the next state never runs', async () => {
    h = await startHarness();
    const gate = h.hold('MarkDeleting');
    const { executionArn } = await start('delete-u1');
    await gate.started;

    const { stopDate } = await h.sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'wrong user' }),
    );
    gate.release();
    const stopped = await h.steps.waitForExecution('delete-u1');

    expect(stopped).toMatchObject({
      status: 'ABORTED',
      error: 'Operator',
      cause: 'wrong user',
      stopDate,
      redriveStatus: 'REDRIVABLE',
    });
    expect(h.steps.statesRun('delete-u1')).toEqual(['Start', 'MarkDeleting']);
    expect(h.calls.PurgeItems).toHaveLength(0);
    expect(h.steps.history('delete-u1').at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'wrong user' },
    });
  });
});

describe('GetExecutionHistory', () => {
  it('gives the basic events in order, with ids, previous ids and the states’ inputs and outputs', async () => {
    // Without the Pass state in front, to keep the list short.
    const { Start: _start, ...states } = fixtureDefinition.States;
    h = await startHarness({ definition: { ...fixtureDefinition, StartAt: 'MarkDeleting', States: states } });
    h.impl.PurgeItems = async () => ({ done: true });
    const { executionArn } = await start('delete-u1');
    await h.steps.waitForExecution('delete-u1');

    const { events = [] } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      ...[
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
      ],
      ...[
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
      ],
      ...['ChoiceStateEntered', 'ChoiceStateExited'],
      ...[
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
      ],
      ...['SucceedStateEntered', 'SucceedStateExited'],
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => [event.id, event.previousEventId])).toEqual(
      events.map((_, index) => [index + 1, index]),
    );
    expect(events[0].executionStartedEventDetails?.input).toBe('{"userId":"u1"}');
    expect(events[6].stateEnteredEventDetails).toEqual({ name: 'PurgeItems', input: '{"userId":"u1"}' });
    expect(events[7].lambdaFunctionScheduledEventDetails).toMatchObject({
      input: '{"userId":"u1"}',
      timeoutInSeconds: 60,
    });
    expect(events[9].lambdaFunctionSucceededEventDetails?.output).toBe('{"done":true}');
    expect(events[10].stateExitedEventDetails).toEqual({
      name: 'PurgeItems',
      output: '{"userId":"u1","purge":{"done":true}}',
    });

    const reversed = await h.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1, includeExecutionData: false }),
    );
    expect(reversed.events?.map((event) => event.type)).toEqual(['ExecutionSucceeded']);
    expect(reversed.events?.[0].executionSucceededEventDetails?.output).toBeUndefined();
    expect(reversed.nextToken).toBeDefined();
  });
});
