/**
 * RedriveExecution: a FAILED or ABORTED execution runs again from the state that did not
 * succeed, with the input that state was given; the states that succeeded are not run again,
 * and the context object still names the first run's start and input.
 */
import {
  DescribeExecutionCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { fixtureDefinition } from '../../fixtures/stepfunctions/deletion-template';
import { startHarness, type Harness } from './harness';

let h: Harness;
afterEach(() => h.close());

/**
 * The fixture without PurgeItems' Catch (a failure there fails the execution), and a receipt that
 * also gets the execution's input.
 */
function failingAtPurge() {
  const { Catch: _catch, ...purge } = fixtureDefinition.States.PurgeItems;
  const receipt = fixtureDefinition.States.WriteReceipt;
  return {
    ...fixtureDefinition,
    States: {
      ...fixtureDefinition.States,
      PurgeItems: purge,
      WriteReceipt: { ...receipt, Parameters: { ...receipt.Parameters, 'requested.$': '$$.Execution.Input' } },
    },
  };
}

const start = (name: string) =>
  h.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: h.steps.stateMachineArn,
      name,
      input: JSON.stringify({ userId: 'u1', extra: 'kept' }),
    }),
  );
const redrive = (executionArn: string | undefined) => h.sfn.send(new RedriveExecutionCommand({ executionArn }));

describe('RedriveExecution', () => {
  it('runs a failed execution again from the failed state with the input it was given, only from there', async () => {
    // Prepare: PurgeItems fails once with an error nothing retries or catches.
    h = await startHarness({ definition: failingAtPurge(), purgePages: 2 });
    h.steps.faults.failNext('PurgeItems', { error: { name: 'PurgeBrokeError', message: 'bucket gone' } });
    const { executionArn, startDate } = await start('delete-u1');
    const failed = await h.steps.waitForExecution('delete-u1');
    expect(failed).toMatchObject({ status: 'FAILED', error: 'PurgeBrokeError', redriveStatus: 'REDRIVABLE' });
    expect(JSON.parse(failed.cause as string)).toMatchObject({
      errorType: 'PurgeBrokeError',
      errorMessage: 'bucket gone',
    });

    // Act
    const { redriveDate } = await redrive(executionArn);
    const redriven = await h.steps.waitForExecution('delete-u1');

    // Assess: the steps before PurgeItems ran once; PurgeItems got the input it had the first time.
    expect(redriven).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, redriveDate, startDate });
    expect(redriven.error).toBeUndefined();
    expect(h.calls.MarkDeleting).toHaveLength(1);
    expect(h.calls.PurgeItems).toEqual([{ userId: 'u1' }, { userId: 'u1', purge: { done: false, removed: 10 } }]);
    expect(h.steps.statesRun('delete-u1')).toEqual([
      'Start',
      'MarkDeleting',
      'PurgeItems',
      'PurgeItems',
      'PurgeDone',
      'PauseBetweenPages',
      'PurgeItems',
      'PurgeDone',
      'WriteReceipt',
      'Deleted',
    ]);
    // The context object is the first run's: its start time and input, as in AWS.
    expect(h.calls.WriteReceipt).toEqual([
      { userId: 'u1', startedAt: (startDate as Date).toISOString(), requested: { userId: 'u1', extra: 'kept' } },
    ]);
    expect(h.steps.history('delete-u1').map((event) => event.type)).toContain('ExecutionRedriven');
    const described = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, input: '{"userId":"u1","extra":"kept"}' });
  });

  it('resumes a crashed (ABORTED) execution at the step that was running, whose work already happened', async () => {
    h = await startHarness({ purgePages: 1 });
    h.steps.faults.crashDuring('PurgeItems', { afterWork: true });
    const { executionArn } = await start('delete-u1');
    const crashed = await h.steps.waitForExecution('delete-u1');
    expect(crashed).toMatchObject({ status: 'ABORTED', error: 'Local.SimulatedCrash', redriveStatus: 'REDRIVABLE' });
    expect(h.calls.PurgeItems).toHaveLength(1);
    expect(h.calls.WriteReceipt).toHaveLength(0);

    await redrive(executionArn);
    expect((await h.steps.waitForExecution('delete-u1')).status).toBe('SUCCEEDED');

    expect(h.calls.MarkDeleting).toHaveLength(1);
    // Both times with the input the state was given (the Pass state in front keeps only userId).
    expect(h.calls.PurgeItems).toEqual([{ userId: 'u1' }, { userId: 'u1' }]);
    expect(h.calls.WriteReceipt).toHaveLength(1);
  });

  it('redrives a stopped execution from the state it was stopped in', async () => {
    h = await startHarness();
    const gate = h.hold('WriteReceipt');
    const { executionArn } = await start('delete-u1');
    await gate.started;
    const stopping = h.steps.waitForExecution('delete-u1');
    await h.sfn.send(new StopExecutionCommand({ executionArn }));
    gate.release();
    expect((await stopping).status).toBe('ABORTED');

    await redrive(executionArn);
    expect((await h.steps.waitForExecution('delete-u1')).status).toBe('SUCCEEDED');
    expect(h.calls.PurgeItems).toHaveLength(1);
    expect(h.calls.WriteReceipt).toHaveLength(2);
  });

  it('refuses a running or succeeded execution, and an unknown one', async () => {
    h = await startHarness();
    const gate = h.hold('MarkDeleting');
    const { executionArn } = await start('delete-u1');
    await gate.started;
    await expect(redrive(executionArn)).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
      message: expect.stringContaining('Execution is RUNNING'),
    });
    gate.release();
    await h.steps.waitForExecution('delete-u1');
    await expect(redrive(executionArn)).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
      message: expect.stringContaining('Execution is SUCCEEDED'),
    });
    await expect(redrive(`${executionArn}-nope`)).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('may redrive again after a redriven run fails, counting each redrive', async () => {
    h = await startHarness({ definition: failingAtPurge() });
    h.steps.faults.failNext('PurgeItems', { times: 2, error: { name: 'PurgeBrokeError' } });
    const { executionArn } = await start('delete-u1');
    await h.steps.waitForExecution('delete-u1');
    await redrive(executionArn);
    expect(await h.steps.waitForExecution('delete-u1')).toMatchObject({ status: 'FAILED', redriveCount: 1 });
    await redrive(executionArn);
    expect(await h.steps.waitForExecution('delete-u1')).toMatchObject({ status: 'SUCCEEDED', redriveCount: 2 });
    expect(h.calls.MarkDeleting).toHaveLength(1);
    // The two failures were planned faults: the handler itself ran only on the third attempt.
    expect(h.calls.PurgeItems).toHaveLength(1);
  });
});
