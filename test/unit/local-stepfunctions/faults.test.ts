/**
 * The test seams integration tests steer the workflow with: planned failures (before the real
 * handler runs), planned crashes (the execution ends ABORTED, ready to redrive), and waits on an
 * execution's end.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const start = (name = 'delete-u1') =>
  h.sfn.send(new StartExecutionCommand({ stateMachineArn: h.steps.stateMachineArn, name, input: '{"userId":"u1"}' }));

describe('faults.failNext', () => {
  it('fails the next `times` invocations with the given error, before the handler runs', async () => {
    h.steps.faults.failNext('WriteReceipt', { times: 2, error: { name: 'TransientStepError', message: 'throttled' } });
    await start();
    expect((await h.steps.waitForExecution('delete-u1')).status).toBe('SUCCEEDED');

    const failures = h.steps.history('delete-u1').filter((event) => event.type === 'LambdaFunctionFailed');
    expect(failures.map((event) => event.lambdaFunctionFailedEventDetails)).toEqual([
      { error: 'TransientStepError', cause: expect.stringContaining('"errorMessage":"throttled"') },
      { error: 'TransientStepError', cause: expect.stringContaining('"errorMessage":"throttled"') },
    ]);
    expect(h.calls.WriteReceipt).toHaveLength(1);
  });

  it('is used up: a later execution runs the step normally, and clear() forgets what is left', async () => {
    h.steps.faults.failNext('MarkDeleting', { error: { name: 'TransientStepError' } });
    await start('first');
    await h.steps.waitForExecution('first');
    h.steps.faults.failNext('MarkDeleting', { error: { name: 'Unrecoverable' } });
    h.steps.faults.clear();
    await start('second');

    expect((await h.steps.waitForExecution('second')).status).toBe('SUCCEEDED');
    expect(h.steps.retries('first')).toHaveLength(1);
    expect(h.steps.retries('second')).toHaveLength(0);
  });

  it('refuses a step no Task invokes, so a typo cannot pass for a fault', () => {
    expect(() => h.steps.faults.failNext('PurgeItem')).toThrow('No Task invokes step PurgeItem');
    expect(() => h.steps.faults.crashDuring('Nope')).toThrow('No Task invokes step Nope');
    expect(() => h.steps.faults.failNext('PurgeItems', { times: 0 })).toThrow('times ≥ 1');
  });
});

describe('faults.crashDuring', () => {
  it('stops the execution as the step starts: ABORTED, the handler never runs, nothing after it runs', async () => {
    h.steps.faults.crashDuring('PurgeItems');
    await start();
    const crashed = await h.steps.waitForExecution('delete-u1');

    expect(crashed).toMatchObject({
      status: 'ABORTED',
      error: 'Local.SimulatedCrash',
      cause: expect.stringContaining('PurgeItems'),
    });
    expect(h.calls.PurgeItems).toHaveLength(0);
    expect(h.steps.statesRun('delete-u1')).toEqual(['Start', 'MarkDeleting', 'PurgeItems']);
    expect(
      h.steps
        .history('delete-u1')
        .map((event) => event.type)
        .slice(-3),
    ).toEqual(['LambdaFunctionScheduled', 'LambdaFunctionStarted', 'ExecutionAborted']);
  });

  it('with afterWork, lets the handler finish its work and discards its result', async () => {
    h.steps.faults.crashDuring('MarkDeleting', { afterWork: true });
    await start();
    const crashed = await h.steps.waitForExecution('delete-u1');

    expect(crashed.status).toBe('ABORTED');
    expect(h.calls.MarkDeleting).toHaveLength(1);
    expect(h.calls.PurgeItems).toHaveLength(0);
    expect(h.steps.history('delete-u1').map((event) => event.type)).not.toContain('LambdaFunctionSucceeded');
  });
});

describe('waitForExecution', () => {
  it('waits for an execution that has not started yet, by name', async () => {
    const ended = h.steps.waitForExecution('later');
    await start('later');
    await expect(ended).resolves.toMatchObject({ name: 'later', status: 'SUCCEEDED' });
  });

  it('rejects waits still pending when the local Step Functions closes', async () => {
    const never = h.steps.waitForExecution('never-started');
    await h.steps.close();
    await expect(never).rejects.toThrow('closed');
  });
});
