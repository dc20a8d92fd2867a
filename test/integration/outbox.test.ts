/**
 * The outbox (lambdas/domain/outbox/): work a request committed but could not hand over is handed
 * over by the sweeper, never stranded waiting for a client's retry. The queue and the state
 * machine refuse hand-overs on purpose (the local endpoints' faults), the API must still answer
 * as for any committed request, and one sweep must finish the job. On a table of this file's
 * own: the sweeper reads the whole outbox.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { outboxIndexName } from '../../lambdas/adapters/dynamodb/table-design';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import {
  balanceOf,
  countDynamoRequests,
  generationItem,
  ledgerOf,
  newConversation,
  objectsUnder,
  postGeneration,
  settled,
  signedIn,
  type GenerationBody,
} from '../support/generation-flow';
import { fullAccount, whatRemainsOf } from '../support/deletion-flow';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ ownTable: true });
});
afterAll(() => api.close());
afterEach(() => {
  api.queues.faults.clear();
  api.stepFunctions.faults.clear();
});

/** Every outbox entry of the table: the table keys the index projects, and the entry's phase. */
async function outbox(): Promise<Array<{ pk: string; sk: string; phase: string }>> {
  const entries: Array<{ pk: string; sk: string; phase: string }> = [];
  for (let shard = 0; shard < keys.outboxShardCount; shard++) {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME!,
        IndexName: outboxIndexName,
        KeyConditionExpression: 'outboxPk = :shard',
        ExpressionAttributeValues: { ':shard': keys.outboxShard(shard).outboxPk },
      }),
    );
    entries.push(
      ...Items.map((item) => ({
        pk: String(item.pk),
        sk: String(item.sk),
        phase: String(item.outboxSk).split('#')[0]!,
      })),
    );
  }
  return entries;
}

const sweep = (time?: Date) =>
  api.scheduled.run('OutboxSweeper', { time: time?.toISOString() }) as Promise<{
    handedOver: number;
    abandoned: number;
  }>;
const anHourAndMore = 61 * 60 * 1000;

describe('a generation whose job could not be queued', () => {
  it('is accepted and charged once, waits in the outbox, and runs after one sweep', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const before = await balanceOf(sub);
    api.queues.faults.refuseSends('GenerationWorker');

    const response = await postGeneration(api, token, conversationId, { prompt: 'a lighthouse at dawn' });
    // Committed and paid: the client is told so, not sent to retry into an unknown state.
    expect(response.status).toBe(202);
    const generation = response.json as GenerationBody;
    expect(generation.status).toBe('QUEUED');
    expect(await balanceOf(sub)).toBe(before - generation.credits);
    expect(api.queues.stats('GenerationWorker').sent).toBe(0);
    expect(await outbox()).toEqual([{ pk: keys.userPartition(sub), sk: `GEN#${generation.id}`, phase: 'SEND' }]);

    // Still refused: the sweep fails (and would alarm), the entry stays for the next run.
    await expect(sweep()).rejects.toMatchObject({ name: 'OutboxSweepIncomplete' });
    expect(await outbox()).toHaveLength(1);

    api.queues.faults.clear();
    await expect(sweep()).resolves.toEqual({ handedOver: 1, abandoned: 0 });
    expect(await settled(api, token, generation.id)).toMatchObject({
      status: 'SUCCEEDED',
      images: [expect.any(Object)],
    });
    expect(await outbox()).toEqual([]);
    // One debit, no refund: the hand-over changed nothing about the money.
    expect(
      (await ledgerOf(sub)).filter((entry) => entry.generationId === generation.id).map((entry) => entry.amount),
    ).toEqual([-generation.credits]);
    await expect(sweep()).resolves.toEqual({ handedOver: 0, abandoned: 0 });
  });

  it('moves on to being watched by the request itself when the send works: two DynamoDB requests in all', async () => {
    const { token } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const dynamo = countDynamoRequests();
    const response = await postGeneration(api, token, conversationId, { prompt: 'a quiet harbour' });
    dynamo.stop();
    expect(response.status).toBe(202);
    // The debit transaction, then the UpdateItem that takes the generation out of the outbox (P5: ≤ 2
    // for a write). The worker may already have sent its own start; it comes after both.
    expect(dynamo.names.slice(0, 2)).toEqual(['TransactWriteItemsCommand', 'UpdateItemCommand']);
    const { id } = response.json as GenerationBody;
    expect((await outbox()).filter((entry) => entry.sk === `GEN#${id}`).map((entry) => entry.phase)).not.toContain(
      'SEND',
    );
    expect(await settled(api, token, id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await outbox()).toEqual([]);
    await expect(sweep()).resolves.toEqual({ handedOver: 0, abandoned: 0 });
  });

  it('is handed over by the client retrying with its Idempotency-Key, before any sweep', async () => {
    const { token } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    api.queues.faults.refuseSends('GenerationWorker');
    const first = await postGeneration(api, token, conversationId, { prompt: 'a red kite' }, 'retry-key-1');
    expect(first.status).toBe(202);
    api.queues.faults.clear();

    const retry = await postGeneration(api, token, conversationId, { prompt: 'a red kite' }, 'retry-key-1');
    expect(retry.status).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await settled(api, token, (first.json as GenerationBody).id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await outbox()).toEqual([]);
    await expect(sweep()).resolves.toEqual({ handedOver: 0, abandoned: 0 });
  });
});

describe('a generation the worker never settles', () => {
  it('is FAILED and refunded once by the sweep an hour after its last start, and left alone before', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const before = await balanceOf(sub);
    // Every delivery times out without running: the job ends in the dead-letter queue.
    api.queues.faults.crashDeliveries('GenerationWorker');
    const response = await postGeneration(api, token, conversationId, { prompt: 'a stalled ferry' });
    expect(response.status).toBe(202);
    const { id } = response.json as GenerationBody;
    await api.queues.drained();
    expect(api.queues.deadLetters('GenerationWorker').filter((letter) => letter.body.includes(id))).toHaveLength(1);
    expect(await outbox()).toEqual([{ pk: keys.userPartition(sub), sk: `GEN#${id}`, phase: 'WATCH' }]);

    // Within the hour it may still be delivered: nothing happens.
    await expect(sweep()).resolves.toEqual({ handedOver: 0, abandoned: 0 });
    expect((await api.request('GET', `/v1/generations/${id}`, { token })).json).toMatchObject({ status: 'QUEUED' });

    await expect(sweep(new Date(Date.now() + anHourAndMore))).resolves.toEqual({ handedOver: 0, abandoned: 1 });
    const generation = (await api.request('GET', `/v1/generations/${id}`, { token })).json as GenerationBody;
    expect(generation).toMatchObject({
      status: 'FAILED',
      error: { code: 'timed_out', message: expect.stringContaining('refunded') },
    });
    expect(await balanceOf(sub)).toBe(before);
    expect(
      (await ledgerOf(sub))
        .filter((entry) => entry.generationId === id)
        .map((entry) => entry.amount)
        .sort(),
    ).toEqual([-generation.credits, generation.credits].sort());
    expect(await outbox()).toEqual([]);
    await expect(sweep(new Date(Date.now() + anHourAndMore))).resolves.toEqual({ handedOver: 0, abandoned: 0 });
  });

  it('leaves a generation that settled normally out of the outbox, so no sweep can touch it', async () => {
    const { token } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const response = await postGeneration(api, token, conversationId, { prompt: 'a calm bay' });
    expect(await settled(api, token, (response.json as GenerationBody).id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await outbox()).toEqual([]);
    await expect(sweep(new Date(Date.now() + anHourAndMore))).resolves.toEqual({ handedOver: 0, abandoned: 0 });
  });
});

describe('a conversation deletion that failed after the conversation was marked', () => {
  it('answers 204, hides the conversation, and one sweep removes its items and objects', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token);
    const made = await postGeneration(api, token, conversationId, { prompt: 'a tide pool' });
    const generation = await settled(api, token, (made.json as GenerationBody).id);
    expect(generation.status).toBe('SUCCEEDED');
    const prefix = objectKeys.conversationPrefix(sub, conversationId);
    expect(await objectsUnder(prefix)).toHaveLength(1);
    api.queues.faults.refuseSends('CleanupWorker');

    const response = await api.request('DELETE', `/v1/conversations/${conversationId}`, { token });
    expect(response.status).toBe(204);
    expect((await api.request('GET', `/v1/conversations/${conversationId}`, { token })).status).toBe(404);
    // The items went, the object removal could not be queued: the conversation waits in the outbox.
    expect(await outbox()).toEqual([{ pk: keys.userPartition(sub), sk: `CONV#${conversationId}`, phase: 'SEND' }]);
    expect(await generationItem(sub, generation.id)).toBeUndefined();
    expect(await objectsUnder(prefix)).toHaveLength(1);

    api.queues.faults.clear();
    await expect(sweep()).resolves.toEqual({ handedOver: 1, abandoned: 0 });
    await api.queues.drained();
    expect(await objectsUnder(prefix)).toEqual([]);
    expect(await outbox()).toEqual([]);
    await expect(sweep()).resolves.toEqual({ handedOver: 0, abandoned: 0 });
  });
});

describe('an account deletion whose workflow could not be started', () => {
  it('answers in_progress, refuses the account at once, and is erased after one sweep', async () => {
    const account = await fullAccount(api);
    api.stepFunctions.faults.refuseStarts();

    const response = await api.request('DELETE', '/v1/me', { token: account.token });
    expect(response.status).toBe(202);
    expect(response.json).toMatchObject({ status: 'in_progress' });
    expect(api.stepFunctions.executions().filter((e) => e.name === `delete-${account.sub}`)).toEqual([]);
    expect(await outbox()).toEqual([{ pk: keys.userPartition(account.sub), sk: 'PROFILE', phase: 'SEND' }]);
    // Marked before the start was tried: the token is refused while the start waits (SECURITY B4).
    expect((await api.request('GET', '/v1/me', { token: account.token })).status).toBe(403);

    api.stepFunctions.faults.clear();
    await expect(sweep()).resolves.toEqual({ handedOver: 1, abandoned: 0 });
    const execution = await api.stepFunctions.waitForExecution(`delete-${account.sub}`);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await outbox()).toEqual([]);
    const remains = await whatRemainsOf(account);
    expect(remains.partition).toEqual([expect.objectContaining({ sk: 'PROFILE', status: 'DELETED' })]);
    expect(remains.objects).toEqual([]);
    await expect(sweep()).resolves.toEqual({ handedOver: 0, abandoned: 0 });
  });
});
