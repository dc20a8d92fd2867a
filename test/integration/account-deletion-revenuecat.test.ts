/**
 * Step 3 of account deletion against a fake RevenueCat (CONTRACTS §2.6): the workflow taken
 * from the synthesized template deletes the subscriber with the secret key read from (local)
 * Secrets Manager, retries RevenueCat's throttling and outages, takes "not found" as done, and
 * sends a refusal (a revoked key) to the failure path, resuming once the key works again.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fullAccount, type FullAccount } from '../support/deletion-flow';
import { startTestApi, type TestApi } from '../support/local-api';

const apiKey = 'sk_local_test_key';

interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/** A RevenueCat that answers DELETE /v1/subscribers/{id} with the next scripted status (then 200). */
function fakeRevenueCat() {
  const seen: SeenRequest[] = [];
  const script: number[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    seen.push({ method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization });
    const status = script.shift() ?? 200;
    const appUserId = decodeURIComponent((request.url ?? '').replace(/^\/v1\/subscribers\//, ''));
    const body =
      status === 200
        ? { app_user_id: appUserId, deleted: true }
        : { message: `scripted ${status}`, code: 7000 + status };
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return {
    seen,
    /** The statuses the next requests get, in order. */
    answerNext: (...statuses: number[]) => void script.push(...statuses),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const revenueCat = fakeRevenueCat();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ revenueCat: { baseUrl: await revenueCat.listen(), apiKey } });
});
afterAll(async () => {
  await api.close();
  await revenueCat.close();
});

const executionName = (account: FullAccount) => `delete-${account.sub}`;
const requestsFor = (account: FullAccount) =>
  revenueCat.seen.filter((request) => request.path === `/v1/subscribers/${account.sub}`);

async function deleteAndWait(account: FullAccount) {
  expect((await api.request('DELETE', '/v1/me', { token: account.token })).status).toBe(202);
  return api.stepFunctions.waitForExecution(executionName(account));
}

it('deletes the subscriber once, with the secret key, and completes', async () => {
  const account = await fullAccount(api);
  expect((await deleteAndWait(account)).status).toBe('SUCCEEDED');
  expect(requestsFor(account)).toEqual([
    { method: 'DELETE', path: `/v1/subscribers/${account.sub}`, authorization: `Bearer ${apiKey}` },
  ]);
});

it('retries throttling and outages, then completes', async () => {
  const account = await fullAccount(api);
  revenueCat.answerNext(429, 503);
  expect((await deleteAndWait(account)).status).toBe('SUCCEEDED');
  expect(requestsFor(account)).toHaveLength(3);
  expect(
    api.stepFunctions.retries(executionName(account)).filter((retry) => retry.state === 'RemoveSubscriber'),
  ).toHaveLength(2);
  expect(api.stepFunctions.statesRun(executionName(account))).not.toContain('RecordFailure');
});

it('takes a subscriber RevenueCat does not know as removed', async () => {
  const account = await fullAccount(api);
  revenueCat.answerNext(404);
  expect((await deleteAndWait(account)).status).toBe('SUCCEEDED');
  expect(requestsFor(account)).toHaveLength(1);
  expect(api.stepFunctions.statesRun(executionName(account))).not.toContain('RecordFailure');
});

it('sends a refused key straight to the failure path, and resumes the step once RevenueCat accepts', async () => {
  const account = await fullAccount(api);
  revenueCat.answerNext(401);
  expect((await deleteAndWait(account)).status).toBe('SUCCEEDED');
  // One refusal, no Retry of it, then the resumed step's successful call.
  expect(requestsFor(account)).toHaveLength(2);
  expect(
    api.stepFunctions.retries(executionName(account)).filter((retry) => retry.state === 'RemoveSubscriber'),
  ).toHaveLength(0);
  expect(api.stepFunctions.statesRun(executionName(account))).toEqual(
    expect.arrayContaining(['RemoveSubscriberFailed', 'RecordFailure', 'WaitBeforeResuming', 'ResumeFailedStep']),
  );
});
