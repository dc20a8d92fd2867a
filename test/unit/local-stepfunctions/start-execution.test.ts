/**
 * StartExecution through the real @aws-sdk/client-sfn, with Step Functions' rules for Standard
 * workflows (CONTRACTS §6.3): a name is an idempotency key while its execution runs with the same
 * input; otherwise it is taken.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const start = (name: string | undefined, input: string | undefined, stateMachineArn = h.steps.stateMachineArn) =>
  h.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input }));

describe('StartExecution', () => {
  it('answers a repeat of the same name and input, while the first runs, with the first answer', async () => {
    // Prepare: the first execution holds in its first step.
    const gate = h.hold('MarkDeleting');
    const first = await start('delete-u1', '{"userId":"u1"}');
    await gate.started;

    // Act
    const again = await start('delete-u1', '{"userId":"u1"}');

    // Assess
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    expect(h.steps.executions()).toHaveLength(1);
    gate.release();
    expect((await h.steps.waitForExecution('delete-u1')).status).toBe('SUCCEEDED');
    expect(h.calls.MarkDeleting).toHaveLength(1);
  });

  it('refuses the same name with a different input while the first runs: ExecutionAlreadyExists', async () => {
    const gate = h.hold('MarkDeleting');
    const first = await start('delete-u1', '{"userId":"u1"}');
    await gate.started;

    await expect(start('delete-u1', '{"userId":"u2"}')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
      message: `Execution Already Exists: '${first.executionArn}'`,
      $metadata: { httpStatusCode: 400 },
    });
    gate.release();
  });

  it('refuses the same name and input once the first has closed: ExecutionAlreadyExists', async () => {
    await start('delete-u1', '{"userId":"u1"}');
    expect((await h.steps.waitForExecution('delete-u1')).status).toBe('SUCCEEDED');

    await expect(start('delete-u1', '{"userId":"u1"}')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(h.calls.MarkDeleting).toHaveLength(1);
  });

  it('names an execution with a UUID and gives it "{}" when the caller gives neither', async () => {
    const { executionArn } = await start(undefined, undefined);
    const name = executionArn?.split(':').at(-1) as string;
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await h.steps.waitForExecution(name)).input).toBe('{}');
  });

  it.each([
    '',
    'a'.repeat(81),
    'has space',
    'semi;colon',
    'slash/name',
    'curly{',
    'tab\tname',
    'del\u007fname',
    'quote"',
  ])('refuses the name %j: InvalidName', async (name) => {
    await expect(start(name, '{}')).rejects.toMatchObject({ name: 'InvalidName' });
    expect(h.steps.executions()).toHaveLength(0);
  });

  it('accepts 80 characters of letters, digits, hyphens and underscores', async () => {
    const name = `delete-${'x'.repeat(67)}_12345`;
    expect(name).toHaveLength(80);
    await expect(start(name, '{}')).resolves.toMatchObject({
      executionArn: expect.stringMatching(new RegExp(`:execution:pictor-account-deletion-local:${name}$`)),
    });
  });

  it('refuses an input that is not JSON: InvalidExecutionInput', async () => {
    await expect(start('bad-input', '{"userId":')).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });

  it('refuses a state machine it does not run: StateMachineDoesNotExist, and a malformed ARN: InvalidArn', async () => {
    await expect(start('x', '{}', 'arn:aws:states:us-east-1:000000000000:stateMachine:other')).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
    await expect(start('x', '{}', 'not-an-arn')).rejects.toMatchObject({ name: 'InvalidArn' });
  });
});
