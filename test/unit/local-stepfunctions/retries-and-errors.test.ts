/**
 * Retry and Catch as in AWS: a handler's error reaches the state machine as a Lambda error (name
 * = errorType, cause = the runtime's JSON document), Retry pauses keep their backoff shape
 * (interval × rate^n, capped by MaxDelaySeconds, full jitter) on the scaled clock, and each
 * entry into a state starts its attempts again.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { invokeLikeLambda, LambdaTaskError } from '../../../local/stepfunctions/lambda-task';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { retryDelayMs, withScaledExecutionTimeout } from '../../../local/stepfunctions/scaled-time';
import type { TaskFunction } from '../../../local/stepfunctions/state-machine-definition';
import { fixtureDefinition, functionLogicalId } from '../../fixtures/stepfunctions/deletion-template';
import { deferred, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const start = async (harness: Harness, name = 'delete-u1') => {
  await harness.sfn.send(
    new StartExecutionCommand({ stateMachineArn: harness.steps.stateMachineArn, name, input: '{"userId":"u1"}' }),
  );
  return harness.steps.waitForExecution(name);
};

/** The fixture with one state replaced. */
const withState = (name: string, state: Record<string, unknown>) => ({
  ...fixtureDefinition,
  States: { ...fixtureDefinition.States, [name]: state },
});

describe('withScaledExecutionTimeout', () => {
  it("scales the state machine's TimeoutSeconds up to whole seconds, at least one, and leaves the states alone", () => {
    const definition = { ...fixtureDefinition, TimeoutSeconds: 86_400 } as unknown as StateMachineDefinition;
    expect(withScaledExecutionTimeout(definition, 0.01).TimeoutSeconds).toBe(864);
    expect(withScaledExecutionTimeout(definition, 0.0001).TimeoutSeconds).toBe(9);
    expect(withScaledExecutionTimeout({ ...definition, TimeoutSeconds: 10 }, 0.001).TimeoutSeconds).toBe(1);
    expect(withScaledExecutionTimeout(definition, 0.01).States).toBe(definition.States);
  });

  it('adds no timeout to a definition without one', () => {
    const { TimeoutSeconds: _timeout, ...rest } = fixtureDefinition as unknown as StateMachineDefinition;
    const untimed = rest as StateMachineDefinition;
    expect(withScaledExecutionTimeout(untimed, 0.01)).toBe(untimed);
  });
});

describe('retryDelayMs', () => {
  const retrier = { ErrorEquals: ['X'], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10 };

  it('is interval × rate^attempt, capped by MaxDelaySeconds, times the scale', () => {
    expect([0, 1, 2, 3].map((attempt) => retryDelayMs(retrier, attempt, 0.001))).toEqual([2, 6, 10, 10]);
    expect(retryDelayMs(retrier, 1, 1)).toBe(6000);
  });

  it('draws a fraction of that under full jitter, and uses the States Language defaults', () => {
    expect(retryDelayMs({ ...retrier, JitterStrategy: 'FULL' }, 2, 0.001, () => 0.25)).toBe(2.5);
    expect(retryDelayMs({ ...retrier, JitterStrategy: 'FULL' }, 2, 0.001, () => 0)).toBe(0);
    // IntervalSeconds 1 and BackoffRate 2 when the retrier leaves them out.
    expect([0, 1, 2].map((attempt) => retryDelayMs({ ErrorEquals: ['X'] }, attempt, 1))).toEqual([1000, 2000, 4000]);
  });
});

describe('Retry on the local state machine', () => {
  it('pauses each attempt as AWS would, scaled, until the step succeeds', async () => {
    h = await startHarness({ random: () => 0.5 });
    h.steps.faults.failNext('MarkDeleting', { times: 3, error: { name: 'TransientStepError' } });

    expect((await start(h)).status).toBe('SUCCEEDED');

    // 2 s, 6 s, then 18 s capped at 10 s; half of each (the jitter draw); at 0.001.
    expect(h.steps.retries('delete-u1')).toEqual([
      { state: 'MarkDeleting', retrierIndex: 0, attempt: 1, pauseMs: 1 },
      { state: 'MarkDeleting', retrierIndex: 0, attempt: 2, pauseMs: 3 },
      { state: 'MarkDeleting', retrierIndex: 0, attempt: 3, pauseMs: 5 },
    ]);
    expect(h.calls.MarkDeleting).toHaveLength(1);
    const scheduled = h.steps.history('delete-u1').filter((event) => event.type === 'LambdaFunctionScheduled');
    const resources = scheduled.map((event) =>
      (event.lambdaFunctionScheduledEventDetails as { resource: string }).resource.split(':').at(-1),
    );
    expect(resources).toEqual([
      ...Array(4).fill(functionLogicalId('MarkDeleting')),
      functionLogicalId('PurgeItems'),
      functionLogicalId('WriteReceipt'),
    ]);
  });

  it('uses the first retrier that names the error, and catches once its attempts are spent', async () => {
    h = await startHarness();
    h.steps.faults.failNext('PurgeItems', { times: 3, error: { name: 'Lambda.ServiceException' } });

    const failed = await start(h);

    // Retrier 0 (1 s, rate 2, no jitter, 2 attempts); the third failure goes to the Catch.
    expect(h.steps.retries('delete-u1')).toEqual([
      { state: 'PurgeItems', retrierIndex: 0, attempt: 1, pauseMs: 1 },
      { state: 'PurgeItems', retrierIndex: 0, attempt: 2, pauseMs: 2 },
    ]);
    expect(h.calls.RecordFailure).toEqual([{ userId: 'u1', error: 'Lambda.ServiceException' }]);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'AccountDeletionFailed' });
    expect(h.calls.PurgeItems).toHaveLength(0);
  });

  it('starts the attempts again each time a loop enters the state', async () => {
    h = await startHarness({ random: () => 0.5 });
    const transient = () => Object.assign(new Error('throttled'), { name: 'TransientStepError' });
    h.impl.PurgeItems = async () => {
      const call = h?.calls.PurgeItems.length;
      if (call === 1 || call === 3) throw transient();
      return { done: call === 4 };
    };

    expect((await start(h)).status).toBe('SUCCEEDED');

    // One retry on each of the two entries, each the first attempt's pause (2 s × 0.5 × 0.001).
    expect(h.steps.retries('delete-u1')).toEqual([
      { state: 'PurgeItems', retrierIndex: 1, attempt: 1, pauseMs: 1 },
      { state: 'PurgeItems', retrierIndex: 1, attempt: 1, pauseMs: 1 },
    ]);
  });

  it('matches States.TaskFailed to any error a handler throws', async () => {
    h = await startHarness({
      definition: withState('MarkDeleting', {
        ...fixtureDefinition.States.MarkDeleting,
        Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 1 }],
      }),
    });
    h.steps.faults.failNext('MarkDeleting', { error: { name: 'SomethingOddError' } });
    expect((await start(h)).status).toBe('SUCCEEDED');
    expect(h.steps.retries('delete-u1')).toHaveLength(1);
  });
});

describe('Task errors as Lambda reports them', () => {
  /** MarkDeleting without Retry or Catch: its error ends the execution, where DescribeExecution shows it. */
  const bare = () => {
    const { Retry: _retry, Catch: _catch, ...state } = fixtureDefinition.States.MarkDeleting;
    return withState('MarkDeleting', state);
  };

  it("names the error after the thrown error's name, with the runtime's JSON document as cause", async () => {
    h = await startHarness({ definition: bare() });
    class ConditionalCheckFailedException extends Error {
      override name = 'ConditionalCheckFailedException';
    }
    h.impl.MarkDeleting = async () => {
      throw new ConditionalCheckFailedException('The conditional request failed');
    };

    const failed = await start(h);

    expect(failed.error).toBe('ConditionalCheckFailedException');
    const cause = JSON.parse(failed.cause as string);
    expect(cause).toEqual({
      errorType: 'ConditionalCheckFailedException',
      errorMessage: 'The conditional request failed',
      trace: expect.any(Array),
    });
    expect(cause.trace[0]).toBe('ConditionalCheckFailedException: The conditional request failed');
    expect(h.steps.history('delete-u1')).toContainEqual(
      expect.objectContaining({
        type: 'LambdaFunctionFailed',
        lambdaFunctionFailedEventDetails: { error: 'ConditionalCheckFailedException', cause: failed.cause },
      }),
    );
    // The local log has the handler's own stack trace.
    expect(h.logs.join('\n')).toContain(
      '[MarkDeleting] ConditionalCheckFailedException: The conditional request failed\n    at ',
    );
  });

  it('names a thrown non-error after its type, as the Node.js runtime does', async () => {
    h = await startHarness({ definition: bare() });
    h.impl.MarkDeleting = async () => {
      throw 'plain text';
    };
    const failed = await start(h);
    expect(failed.error).toBe('string');
    expect(JSON.parse(failed.cause as string)).toEqual({ errorType: 'string', errorMessage: 'plain text', trace: [] });
  });

  it('fails a Task past TimeoutSeconds with States.Timeout (not a TaskFailed) and drops its late result', async () => {
    const { Retry: _retry, ...state } = fixtureDefinition.States.MarkDeleting;
    h = await startHarness({
      definition: withState('MarkDeleting', {
        ...state,
        TimeoutSeconds: 1,
        Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'RecordFailure' }],
      }),
    });
    const gate = h.hold('MarkDeleting');

    const failed = await start(h);
    gate.release();

    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(h.calls.RecordFailure).toHaveLength(0);
    const types = h.steps.history('delete-u1').map((event) => event.type);
    expect(types).toContain('LambdaFunctionTimedOut');
    expect(types).not.toContain('LambdaFunctionSucceeded');
  });

  it("fails an invocation that outlives the function's own timeout as Sandbox.Timedout", async () => {
    const task: TaskFunction = {
      stateName: 'S',
      stepId: 'S',
      entry: 'x.ts',
      logicalId: 'Fn',
      arn: 'arn',
      timeoutSeconds: 0.01,
      memorySizeMb: 128,
    };
    const late = deferred();
    let remaining = -1;
    const invocation = invokeLikeLambda(
      task,
      async (_event, context) => {
        remaining = (context as Context).getRemainingTimeInMillis();
        await late.promise;
        return 'too late';
      },
      { userId: 'u1' },
    );
    await expect(invocation).rejects.toThrow(LambdaTaskError);
    await expect(invocation).rejects.toMatchObject({
      name: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/Task timed out after 0\.01 seconds$/),
    });
    expect(remaining).toBeGreaterThanOrEqual(0);
    expect(remaining).toBeLessThanOrEqual(10);
    late.resolve();
  });

  it('hands the handler a copy of its input and the state machine JSON of its result', async () => {
    const task: TaskFunction = {
      stateName: 'S',
      stepId: 'S',
      entry: 'x.ts',
      logicalId: 'Fn',
      arn: 'arn',
      timeoutSeconds: 5,
      memorySizeMb: 128,
    };
    const input = { userId: 'u1' };
    const result = await invokeLikeLambda(
      task,
      async (event) => {
        (event as { userId: string }).userId = 'changed';
        return { at: new Date(0), missing: undefined };
      },
      input,
    );
    expect(input).toEqual({ userId: 'u1' });
    expect(result).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    expect(await invokeLikeLambda(task, async () => undefined, input)).toBeNull();
  });
});
