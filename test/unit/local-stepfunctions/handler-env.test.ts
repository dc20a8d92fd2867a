/**
 * The handlers' side: with the environment the local stack sets (AWS_ENDPOINT_URL_SFN and
 * DELETION_STATE_MACHINE_ARN), the deletion adapter's unchanged SDK client starts executions on
 * the local state machine, and reads StartExecution's idempotency as it would in AWS.
 */
import { stepFunctionsDeletionWorkflow } from '../../../lambdas/adapters/sfn/deletion-workflow';
import { startHarness, type Harness } from './harness';

let h: Harness;
const saved = { ...process.env };
beforeEach(async () => {
  h = await startHarness();
  Object.assign(process.env, h.steps.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
});
afterEach(async () => {
  process.env = { ...saved };
  await h.close();
});

it('sets the endpoint and the state machine ARN a handler needs', () => {
  expect(h.steps.env).toEqual({
    AWS_ENDPOINT_URL_SFN: h.steps.endpoint,
    DELETION_STATE_MACHINE_ARN: h.steps.stateMachineArn,
  });
});

it('lets the deletion adapter start an execution, repeat the start while it runs, learn it already ran', async () => {
  const workflow = stepFunctionsDeletionWorkflow();
  const gate = h.hold('MarkDeleting');

  await expect(workflow.start({ userId: 'u1' })).resolves.toBe('started');
  await gate.started;
  // Same name, same input, still running: Step Functions answers as the first time.
  await expect(workflow.start({ userId: 'u1' })).resolves.toBe('started');
  gate.release();
  expect(await h.steps.waitForExecution('delete-u1')).toMatchObject({ status: 'SUCCEEDED', input: '{"userId":"u1"}' });
  await expect(workflow.start({ userId: 'u1' })).resolves.toBe('already_requested');

  expect(h.steps.executions()).toHaveLength(1);
  expect(h.calls.MarkDeleting).toHaveLength(1);
});
