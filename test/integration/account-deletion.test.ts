/**
 * DELETE /v1/me end to end: the state machine taken from the synthesized template runs every
 * step's real handler against the emulators (SECURITY E1–E5, B4). Faults are injected at each
 * step; every run must end in the same final state.
 */
import { RedriveExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import { imagesBucket } from '../../lambdas/adapters/s3/images-bucket';
import { deleteObjectsBody, escapeXml, unescapeXml } from '../../lambdas/adapters/s3/s3-xml';
import { deletionSteps } from '../../lib/deletion-workflow';
import { cognitoUserExists, fullAccount, whatRemainsOf, type FullAccount } from '../support/deletion-flow';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
afterEach(() => api.stepFunctions.faults.clear());

const executionName = (account: FullAccount) => `delete-${account.sub}`;

async function requestDeletion(account: FullAccount) {
  const response = await api.request('DELETE', '/v1/me', { token: account.token });
  expect(response.status).toBe(202);
  return response.json as { status: string; requestedAt: string | null; completedAt: string | null };
}

/** The final state every run must reach, whatever failed on the way. */
async function expectErased(account: FullAccount) {
  const remains = await whatRemainsOf(account);
  // The tombstone alone: no name, no balance, no settings, expiring.
  expect(remains.partition).toEqual([
    expect.objectContaining({ sk: 'PROFILE', status: 'DELETED', userId: account.sub, ttl: expect.any(Number) }),
  ]);
  expect(Object.keys(remains.partition[0]).sort()).toEqual(
    ['deletionCompletedAt', 'deletionRequestedAt', 'entityType', 'pk', 'sk', 'status', 'ttl', 'userId'].sort(),
  );
  expect(remains.conversationGroups).toEqual([]);
  expect(remains.pointers).toEqual([]);
  expect(remains.objects).toEqual([]);
  expect(await cognitoUserExists(account.sub)).toBe(false);

  // Retained: the account summary and the starter grant, under the hash, with nothing personal.
  expect(remains.retained.map((item) => item.sk).sort()).toEqual(
    ['ACCOUNT', expect.stringMatching(/^CREDIT#.+#starter$/)].sort(),
  );
  expect(remains.receipts).toEqual([
    expect.objectContaining({
      sk: 'RECEIPT',
      subjectHash: remains.subjectHash,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    }),
  ]);
  const retainedText = JSON.stringify([...remains.retained, ...remains.receipts]);
  for (const personal of [
    account.sub,
    account.email,
    account.prompt,
    'Ann Example',
    'Holiday cards',
    account.telegramId,
    'users/',
    'uploads/',
  ]) {
    expect(retainedText).not.toContain(personal);
  }
  for (const item of [...remains.retained, ...remains.receipts]) expect(item.ttl).toEqual(expect.any(Number));
}

async function expectTokenRefused(account: FullAccount) {
  const calls: Array<[string, string, unknown?]> = [
    ['GET', '/v1/me'],
    ['PATCH', '/v1/me', { displayName: 'Back again' }],
    ['GET', '/v1/credits'],
    ['GET', '/v1/conversations'],
    ['POST', '/v1/conversations', {}],
    ['GET', `/v1/conversations/${account.conversationIds[0]}`],
    ['GET', `/v1/generations/${account.generationId}`],
    ['GET', `/v1/images/${account.imageId}`],
    ['GET', `/v1/uploads/${account.uploadId}`],
    ['POST', '/v1/uploads', { contentType: 'image/png' }],
  ];
  for (const [method, path, body] of calls) {
    const response = await api.request(method, path, { token: account.token, body });
    expect({
      method,
      path,
      status: response.status,
      code: (response.json as { error?: { code: string } })?.error?.code,
    }).toEqual({
      method,
      path,
      status: 403,
      code: 'account_deleted',
    });
  }
  const status = await api.request('GET', '/v1/me/deletion', { token: account.token });
  expect(status.json).toEqual({
    status: 'completed',
    requestedAt: expect.any(String),
    completedAt: expect.any(String),
  });
}

describe('DELETE /v1/me', () => {
  it('erases all but the documented retained records and the receipt; refuses the old token everywhere', async () => {
    const account = await fullAccount(api);
    expect(await requestDeletion(account)).toEqual({
      status: 'in_progress',
      requestedAt: expect.any(String),
      completedAt: null,
    });
    // Refused from the moment deletion starts, while the workflow is still running or not.
    expect((await api.request('GET', '/v1/conversations', { token: account.token })).status).toBe(403);

    const execution = await api.stepFunctions.waitForExecution(executionName(account));
    expect(execution.status).toBe('SUCCEEDED');
    expect(
      api.stepFunctions
        .statesRun(executionName(account))
        .filter((state) => deletionSteps.some((step) => step.id === state)),
    ).toEqual(deletionSteps.map((step) => step.id));
    await expectErased(account);
    await expectTokenRefused(account);
  });

  it('starts one execution for two concurrent requests, and a request after completion changes nothing', async () => {
    const account = await fullAccount(api);
    const [first, second] = await Promise.all([requestDeletion(account), requestDeletion(account)]);
    expect(first.status).toBe('in_progress');
    expect(second.status).toBe('in_progress');
    expect((await api.stepFunctions.waitForExecution(executionName(account))).status).toBe('SUCCEEDED');

    expect(await requestDeletion(account)).toEqual({
      status: 'completed',
      requestedAt: first.requestedAt,
      completedAt: expect.any(String),
    });
    expect(
      api.stepFunctions.executions().filter((execution) => execution.name === executionName(account)),
    ).toHaveLength(1);
    await expectErased(account);
  });
});

describe('faults at every step end in the same final state', () => {
  it.each(deletionSteps.map((step) => step.id))(
    '%s: a transient failure is retried, a permanent one takes the failure path and is resumed',
    async (stepId) => {
      const account = await fullAccount(api);
      api.stepFunctions.faults.failNext(stepId, { error: { name: 'TransientStepError' } });
      api.stepFunctions.faults.failNext(stepId, { error: { name: 'AccessDeniedException' } });
      await requestDeletion(account);

      expect((await api.stepFunctions.waitForExecution(executionName(account))).status).toBe('SUCCEEDED');
      const states = api.stepFunctions.statesRun(executionName(account));
      expect(states).toEqual(
        expect.arrayContaining([`${stepId}Failed`, 'RecordFailure', 'WaitBeforeResuming', 'ResumeFailedStep']),
      );
      expect(
        api.stepFunctions.retries(executionName(account)).filter((retry) => retry.state === stepId).length,
      ).toBeGreaterThanOrEqual(1);
      await expectErased(account);
    },
  );

  it('takes the failure path when a step keeps failing transiently past its retries', async () => {
    const account = await fullAccount(api);
    api.stepFunctions.faults.failNext('PurgeItems', { times: 7, error: { name: 'TransientStepError' } });
    await requestDeletion(account);
    expect((await api.stepFunctions.waitForExecution(executionName(account))).status).toBe('SUCCEEDED');
    expect(
      api.stepFunctions.retries(executionName(account)).filter((retry) => retry.state === 'PurgeItems'),
    ).toHaveLength(6);
    expect(api.stepFunctions.statesRun(executionName(account))).toContain('RecordFailure');
    await expectErased(account);
  });

  it('resumes a crash mid-purge through a redrive', async () => {
    const account = await fullAccount(api);
    api.stepFunctions.faults.crashDuring('PurgeItems', { afterWork: true });
    await requestDeletion(account);
    expect((await api.stepFunctions.waitForExecution(executionName(account))).status).toBe('ABORTED');

    const sfn = new SFNClient({ endpoint: api.stepFunctions.endpoint });
    const executionArnPrefix = api.stepFunctions.stateMachineArn.replace(':stateMachine:', ':execution:');
    const executionArn = `${executionArnPrefix}:${executionName(account)}`;
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const redriven = await api.stepFunctions.waitForExecution(executionName(account));
    sfn.destroy();
    expect(redriven).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(
      api.stepFunctions.statesRun(executionName(account)).filter((state) => state === 'PurgeItems').length,
    ).toBeGreaterThanOrEqual(2);
    await expectErased(account);
  });
});

describe('partial answers from S3 and DynamoDB', () => {
  it('sends again only the keys DeleteObjects reported in Errors', async () => {
    const account = await fullAccount(api);
    const refused: string[] = [];
    const deleteCalls: string[][] = [];
    const keysIn = (body: Uint8Array) =>
      [
        ...Buffer.from(body)
          .toString('utf8')
          .matchAll(/<Key>(.*?)<\/Key>/g),
      ].map(([, key]) => unescapeXml(key));
    // Every S3 request of the handlers goes through the images bucket's `send`. S3 answers 200 with
    // the first key of the first DeleteObjects in `Errors`, as it may under load.
    const bucket = imagesBucket();
    const send = bucket.send;
    bucket.send = async (call) => {
      if (call.operation !== 'DeleteObjects' || !call.body) return send(call);
      const keys = keysIn(call.body);
      deleteCalls.push(keys);
      if (refused.length > 0 || keys.length === 0) return send(call);
      const [first, ...rest] = keys;
      refused.push(first);
      const answer = await send({ ...call, body: new TextEncoder().encode(deleteObjectsBody(rest)) });
      const injected =
        `<Error><Key>${escapeXml(first)}</Key><Code>InternalError</Code>` + '<Message>injected</Message></Error>';
      return new Response((await answer.text()).replace('</DeleteResult>', `${injected}</DeleteResult>`), {
        status: answer.status,
      });
    };
    try {
      await requestDeletion(account);
      expect((await api.stepFunctions.waitForExecution(executionName(account))).status).toBe('SUCCEEDED');
    } finally {
      bucket.send = send;
    }
    expect(refused).toHaveLength(1);
    // The retry named exactly the refused key, nothing else.
    expect(deleteCalls.filter((keys) => keys.length === 1 && keys[0] === refused[0]).length).toBeGreaterThanOrEqual(1);
    await expectErased(account);
  });

  it('sends again the UnprocessedItems of BatchWriteItem', async () => {
    const account = await fullAccount(api);
    let leftUnprocessed = 0;
    const name = 'leaveHalfUnprocessed';
    // The first two BatchWriteItem calls write only half their requests and hand the rest back.
    documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchWriteItemCommand' || leftUnprocessed >= 2) return next(args);
        const input = args.input as { RequestItems: Record<string, unknown[]> };
        const [table, requests] = Object.entries(input.RequestItems)[0];
        if (requests.length < 2) return next(args);
        leftUnprocessed += 1;
        const half = Math.ceil(requests.length / 2);
        const result = await next({
          ...args,
          input: { ...input, RequestItems: { [table]: requests.slice(0, half) } },
        } as typeof args);
        (result.output as { UnprocessedItems?: Record<string, unknown[]> }).UnprocessedItems = {
          [table]: requests.slice(half),
        };
        return result;
      },
      { step: 'initialize', name },
    );
    try {
      await requestDeletion(account);
      expect((await api.stepFunctions.waitForExecution(executionName(account))).status).toBe('SUCCEEDED');
    } finally {
      documentClient.middlewareStack.remove(name);
    }
    expect(leftUnprocessed).toBe(2);
    await expectErased(account);
  });
});
