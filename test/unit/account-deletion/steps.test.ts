import { executionNameFor } from '../../../lambdas/domain/account-deletion/deletion';
import type { DeletionWorkflow, SubjectHasher } from '../../../lambdas/domain/account-deletion/ports';
import {
  purgeItems,
  recordStepFailure,
  writeReceipt,
  writeRetainedRecords,
} from '../../../lambdas/domain/account-deletion/steps';
import { getDeletionStatus } from '../../../lambdas/domain/account-deletion/get-deletion-status';
import { requestAccountDeletion } from '../../../lambdas/domain/account-deletion/request-account-deletion';
import { InMemoryDeletionStore, ledgerItem, plainItems } from './in-memory-deletion-store';

const hasher: SubjectHasher = { hash: async (userId) => `hash-of-${userId}` };
const at = '2026-11-22T10:00:00.000Z';
const now = () => new Date(at);
/** Reports are forgotten before the purge (test/unit/reports/ holds what that does). */
const forgottenReports: string[] = [];
const reports = { forgetAccount: async (userId: string) => void forgottenReports.push(userId) };

const itemDeps = (store: InMemoryDeletionStore, budget = 100, pageSize = 10) => ({
  store,
  reports,
  hasher,
  now,
  budget,
  pageSize,
});

describe('purgeItems', () => {
  it('deletes everything within its budget and says it is done', async () => {
    const store = new InMemoryDeletionStore({ status: 'DELETING' });
    store.owned = plainItems(35);
    await expect(purgeItems(itemDeps(store), { userId: 'u1' })).resolves.toEqual({ done: true, removed: 35 });
    expect(store.owned).toEqual([]);
    expect(store.calls.filter((call) => call.startsWith('ownedItems'))).toEqual([
      'ownedItems:10',
      'ownedItems:10',
      'ownedItems:10',
      'ownedItems:10',
    ]);
  });

  it('stops at its budget and says more is left, so the state machine runs it again', async () => {
    const store = new InMemoryDeletionStore({ status: 'DELETING' });
    store.owned = plainItems(250);
    await expect(purgeItems(itemDeps(store, 100), { userId: 'u1' })).resolves.toEqual({ done: false, removed: 100 });
    expect(store.owned).toHaveLength(150);
    await purgeItems(itemDeps(store, 100), { userId: 'u1' });
    await expect(purgeItems(itemDeps(store, 100), { userId: 'u1' })).resolves.toEqual({ done: true, removed: 50 });
  });

  it('copies retained ledger kinds under the hash before deleting them, and nothing else', async () => {
    const store = new InMemoryDeletionStore({ status: 'DELETING' });
    store.owned = [
      ledgerItem('starter', 'STARTER_GRANT', 20),
      ledgerItem('g1', 'GENERATION', -1),
      ledgerItem('r1', 'REFUND', 1),
      ...plainItems(2),
    ];
    await purgeItems(itemDeps(store), { userId: 'u1' });
    expect([...store.retainedCredits.entries()]).toEqual([
      ['hash-of-u1|starter', { kind: 'STARTER_GRANT', amount: 20, at: '2026-11-01T00:00:00.000Z', entryId: 'starter' }],
    ]);
    expect(store.calls.indexOf('retainCreditRecords:1')).toBeLessThan(store.calls.indexOf('deleteItems:5'));
  });

  it('run again after everything is gone, it is done at once', async () => {
    const store = new InMemoryDeletionStore({ status: 'DELETING' });
    await expect(purgeItems(itemDeps(store), { userId: 'u1' })).resolves.toEqual({ done: true, removed: 0 });
  });
});

describe('the retained summary, the receipt and the failure record', () => {
  it('keeps only dates under the hash, and the receipt turns the account into DELETED', async () => {
    const store = new InMemoryDeletionStore({
      status: 'DELETING',
      accountCreatedAt: '2026-01-01T00:00:00.000Z',
      requestedAt: '2026-11-22T09:00:00.000Z',
    });
    await writeRetainedRecords({ store, hasher, now }, { userId: 'u1' });
    expect(store.summaries.get('hash-of-u1')).toEqual({
      accountCreatedAt: '2026-01-01T00:00:00.000Z',
      deletionRequestedAt: '2026-11-22T09:00:00.000Z',
    });
    await expect(
      writeReceipt({ store, hasher, now }, { userId: 'u1', startedAt: '2026-11-22T09:00:01.000Z' }),
    ).resolves.toEqual({ subjectHash: 'hash-of-u1' });
    expect(store.receipts.get('hash-of-u1')).toEqual({
      subjectHash: 'hash-of-u1',
      startedAt: '2026-11-22T09:00:01.000Z',
      finishedAt: at,
    });
    expect(store.state).toMatchObject({ status: 'DELETED', completedAt: at });
  });

  it('records a failure with the step and a bounded error name', async () => {
    const store = new InMemoryDeletionStore({ status: 'DELETING' });
    await recordStepFailure({ store, now }, { userId: 'u1', step: 'PurgeObjects', error: 'x'.repeat(500) });
    expect(store.failures).toEqual([{ step: 'PurgeObjects', error: 'x'.repeat(200), at: at }]);
  });
});

describe('requesting deletion', () => {
  const workflow = (answer: 'started' | 'already_requested' = 'started') => {
    const started: string[] = [];
    const port: DeletionWorkflow = {
      async start({ userId }) {
        started.push(userId);
        return answer;
      },
    };
    return { port, started };
  };
  /** The outbox side of the request: clearing takes the account out of the store's outbox. */
  const outboxOf = (store: InMemoryDeletionStore) => {
    const deferred: string[] = [];
    return {
      outbox: {
        async handedOver() {
          store.inOutbox = false;
        },
        async clear() {
          store.inOutbox = false;
        },
      },
      deferred: (_work: unknown, error: unknown) => void deferred.push((error as Error).name),
      deferredNames: deferred,
    };
  };

  it(
    'marks the account first, then starts the workflow, ' + 'and answers in_progress with the first request time',
    async () => {
      const store = new InMemoryDeletionStore({ status: 'ACTIVE' });
      const { port, started } = workflow();
      await expect(requestAccountDeletion({ store, workflow: port, now, ...outboxOf(store) }, 'u1')).resolves.toEqual({
        status: 'in_progress',
        requestedAt: at,
        completedAt: null,
      });
      expect(store.state?.status).toBe('DELETING');
      expect(started).toEqual(['u1']);
      expect(store.inOutbox).toBe(false);
      const later = () => new Date('2026-11-22T11:00:00.000Z');
      await expect(
        requestAccountDeletion(
          { store, workflow: workflow('already_requested').port, now: later, ...outboxOf(store) },
          'u1',
        ),
      ).resolves.toMatchObject({ requestedAt: at });
    },
  );

  it('answers in_progress when the start fails, and leaves the account in the outbox for the sweeper', async () => {
    const store = new InMemoryDeletionStore({ status: 'ACTIVE' });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const failing: DeletionWorkflow = { start: async () => Promise.reject(throttled) };
    const { deferredNames, ...outbox } = outboxOf(store);

    await expect(requestAccountDeletion({ store, workflow: failing, now, ...outbox }, 'u1')).resolves.toEqual({
      status: 'in_progress',
      requestedAt: at,
      completedAt: null,
    });
    expect(store.state?.status).toBe('DELETING');
    expect(store.inOutbox).toBe(true);
    expect(deferredNames).toEqual(['ThrottlingException']);
  });

  it('after completion answers completed and starts nothing', async () => {
    const store = new InMemoryDeletionStore({ status: 'DELETED', requestedAt: 'a', completedAt: 'b' });
    const { port, started } = workflow();
    await expect(requestAccountDeletion({ store, workflow: port, now, ...outboxOf(store) }, 'u1')).resolves.toEqual({
      status: 'completed',
      requestedAt: 'a',
      completedAt: 'b',
    });
    expect(started).toEqual([]);
  });

  it('describes every status', async () => {
    const status = (state?: ConstructorParameters<typeof InMemoryDeletionStore>[0]) =>
      getDeletionStatus({ store: new InMemoryDeletionStore(state) }, 'u1');
    await expect(status()).resolves.toMatchObject({ status: 'not_requested' });
    await expect(status({ status: 'ACTIVE' })).resolves.toMatchObject({ status: 'not_requested' });
    await expect(status({ status: 'DELETING', requestedAt: 'a' })).resolves.toEqual({
      status: 'in_progress',
      requestedAt: 'a',
      completedAt: null,
    });
  });

  it('names the execution after the user, and refuses ids an execution name cannot carry', () => {
    expect(executionNameFor('3f1c2b1a-0000-4000-8000-000000000001')).toBe(
      'delete-3f1c2b1a-0000-4000-8000-000000000001',
    );
    expect(() => executionNameFor('a b')).toThrow();
    expect(() => executionNameFor('x'.repeat(65))).toThrow();
  });
});
