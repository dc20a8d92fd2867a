/**
 * The cost model's usage counts (bench/cost/usage.ts) are what the code really sends: a
 * generation and an account deletion run on the local stack with every DynamoDB request, S3
 * request, SQS message, log line and state transition metered, and each measured number must
 * equal the declared one. When this fails after a change, update bench/cost/usage.ts (and read
 * what `npm run bench` now says the change costs).
 */
// First: the handlers log at INFO, as in AWS (the suite otherwise runs them silent).
import '../support/info-logs';
import { assumptions, clientDownload, deletionUsage, generationCalls, generationQueue } from '../../bench/cost/usage';
import { deletionSteps } from '../../lib/deletion-workflow';
import { fullAccount } from '../support/deletion-flow';
import { newConversation, postGeneration, settled, signedIn, type GenerationBody } from '../support/generation-flow';
import { startTestApi, type TestApi } from '../support/local-api';
import { meterUsage, type UsageMeter } from '../support/usage-meter';

let api: TestApi;
let meter: UsageMeter;

beforeAll(async () => {
  api = await startTestApi();
  meter = meterUsage();
});

afterAll(async () => {
  meter.stop();
  await api.close();
});

afterEach(() => api.queues.faults.clear());

/** What one call sent, in the shape bench/cost/usage.ts declares it. */
function measured(fn: string, sqsSends = 0) {
  return {
    function: fn,
    dynamo: meter.dynamo(),
    s3: meter.s3(),
    sqsSends,
    logLines: meter.logLines().length,
  };
}

describe('one generation', () => {
  it('sends exactly what bench/cost/usage.ts declares, call by call', async () => {
    const { token } = await signedIn(api);
    await api.request('GET', '/v1/me', { token });
    const conversationId = await newConversation(api, token, 'Lighthouses');
    const queueBefore = api.queues.stats('GenerationWorker');

    // The worker's first delivery is held back (it fails as a timeout would, without running), so
    // the create request is measured alone; the redelivery then runs the job.
    api.queues.faults.crashDeliveries('GenerationWorker');
    meter.reset();
    const accepted = await postGeneration(api, token, conversationId, { prompt: 'a lighthouse at dusk', seed: 4 });
    expect(accepted.status).toBe(202);
    const sent = api.queues.stats('GenerationWorker').sent - queueBefore.sent;
    const create = measured('CreateGeneration', sent);
    const generationId = (accepted.json as GenerationBody).id;

    meter.reset();
    const pending = await api.request('GET', `/v1/generations/${generationId}`, { token });
    expect((pending.json as GenerationBody).status).toBe('QUEUED');
    const pollPending = measured('GetGeneration');

    // Wait for the held-back delivery to have failed, so the run below is the redelivery alone.
    while (api.queues.stats('GenerationWorker').failedDeliveries === queueBefore.failedDeliveries)
      await new Promise((resolve) => setImmediate(resolve));
    const beforeRun = api.queues.stats('GenerationWorker');
    api.queues.faults.clear();
    meter.reset();
    await api.queues.drained();
    const worker = measured('GenerationWorker');
    expectLogLinesWithinDeclaredBytes();
    const afterRun = api.queues.stats('GenerationWorker');

    meter.reset();
    const done = await settled(api, token, generationId);
    expect(done.status).toBe('SUCCEEDED');
    const pollSettled = measured('GetGeneration');

    meter.reset();
    const download = await fetch(done.images[0].url);
    await download.arrayBuffer();
    expect(download.status).toBe(200);

    expect({ createGeneration: create, pollPending, pollSettled, generationWorker: worker }).toEqual(generationCalls);
    expect({
      sends: sent,
      receives: afterRun.invocations - beforeRun.invocations,
      deletes: afterRun.succeeded - beforeRun.succeeded,
      changeVisibility: 0,
    }).toEqual(generationQueue);
    expect({ s3: meter.s3() }).toEqual(clientDownload);
  });
});

describe('one account deletion', () => {
  it('runs the transitions, steps and requests bench/cost/usage.ts declares', async () => {
    const account = await fullAccount(api);
    await api.queues.drained();
    const executionsBefore = api.stepFunctions.executions().length;

    meter.reset();
    const response = await api.request('DELETE', '/v1/me', { token: account.token });
    expect(response.status).toBe(202);
    const name = `delete-${account.sub}`;
    const execution = await api.stepFunctions.waitForExecution(name);
    expect(execution.status).toBe('SUCCEEDED');

    const stepIds = new Set(deletionSteps.map((step) => step.id));
    const invocations: Record<string, number> = { DeleteMe: 1 };
    for (const state of api.stepFunctions.statesRun(name))
      if (stepIds.has(state)) invocations[state] = (invocations[state] ?? 0) + 1;
    const entered = api.stepFunctions.history(name).filter((event) => event.type.endsWith('StateEntered')).length;
    expect({
      invocations,
      startExecutions: api.stepFunctions.executions().length - executionsBefore,
      transitions: entered + api.stepFunctions.retries(name).length,
      dynamo: meter.dynamo(),
      s3: meter.s3(),
      logLines: meter.logLines().length,
      invocationSeconds: deletionUsage.invocationSeconds,
    }).toEqual(deletionUsage);
    expectLogLinesWithinDeclaredBytes();
  });
});

/** The model prices each handler line at assumptions.handlerLogLineBytes: no line may be longer. */
function expectLogLinesWithinDeclaredBytes() {
  const longest = Math.max(...meter.logLines().map((line) => Buffer.byteLength(line) + 1));
  expect(longest).toBeLessThanOrEqual(assumptions.handlerLogLineBytes);
}
