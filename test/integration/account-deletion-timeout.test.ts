/**
 * The runbook's worst case (docs/runbooks/account-deletion.md): a step fails for good (a revoked
 * RevenueCat key, say), so the execution loops through the failure path, alarming each time,
 * until the state machine's 24-hour timeout ends it TIMED_OUT. Once the cause is fixed, a redrive
 * resumes it where it stopped and it finishes the erasure. Time runs at 1/10,000 here, so the
 * 24 hours last about 9 seconds.
 */
import { RedriveExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { cognitoUserExists, fullAccount, whatRemainsOf } from '../support/deletion-flow';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ stepTimeScale: 0.0001 });
});
afterAll(() => api.close());
afterEach(() => api.stepFunctions.faults.clear());

it('ends TIMED_OUT while a step keeps failing, and a redrive after the fix completes the erasure', async () => {
  const account = await fullAccount(api);
  const name = `delete-${account.sub}`;
  // More failures than the 24 hours have resumes (one per 15-minute wait: 96).
  api.stepFunctions.faults.failNext('RemoveSubscriber', {
    times: 1_000,
    error: { name: 'AccessDeniedException', message: 'key revoked' },
  });
  expect((await api.request('DELETE', '/v1/me', { token: account.token })).status).toBe(202);

  const timedOut = await api.stepFunctions.waitForExecution(name);
  expect(timedOut).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  const resumes = api.stepFunctions.statesRun(name).filter((state) => state === 'ResumeFailedStep').length;
  expect(resumes).toBeGreaterThan(10);
  // Nothing past the failing step ran: the data is still there, and the account still refuses its token.
  expect((await whatRemainsOf(account)).objects.length).toBeGreaterThan(0);
  expect((await api.request('GET', '/v1/me', { token: account.token })).json).toMatchObject({
    error: { code: 'account_deleting' },
  });

  api.stepFunctions.faults.clear();
  const sfn = new SFNClient({ endpoint: api.stepFunctions.endpoint });
  try {
    const executionArn = `${api.stepFunctions.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
  } finally {
    sfn.destroy();
  }
  expect(await api.stepFunctions.waitForExecution(name)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });

  const remains = await whatRemainsOf(account);
  expect(remains.partition).toEqual([expect.objectContaining({ sk: 'PROFILE', status: 'DELETED' })]);
  expect(remains.objects).toEqual([]);
  expect(remains.pointers).toEqual([]);
  expect(remains.receipts).toHaveLength(1);
  expect(await cognitoUserExists(account.sub)).toBe(false);
}, 120_000);
