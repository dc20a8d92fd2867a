/**
 * The outbox's rules on their own: a request's hand-over never fails the request and clears the
 * mark only once the work is handed over; the sweeper reads past the grace period only, shard by
 * shard and page by page, keeps going past a failing entry, and reports the failure at the end.
 */
import * as keys from '../../../lambdas/adapters/dynamodb/keys';
import { handOver, type PendingWork } from '../../../lambdas/domain/outbox/outbox';
import { OutboxSweepIncomplete, sweepOutbox, type OutboxReader, type SweepOutboxDeps } from '../../../lambdas/domain/outbox/sweep-outbox';

const generation = (n: number): PendingWork => ({ kind: 'generation', userId: `u${n}`, generationId: `g${n}` });
const deletion = (n: number): PendingWork => ({ kind: 'account-deletion', userId: `u${n}` });

describe('handOver', () => {
  it('sends, then clears the mark', async () => {
    const calls: string[] = [];
    const outcome = await handOver(generation(1), async () => calls.push('send'), {
      outbox: { clear: async () => void calls.push('clear') },
      deferred: () => calls.push('deferred'),
    });
    expect(outcome).toBe('handed_over');
    expect(calls).toEqual(['send', 'clear']);
  });

  it('keeps the mark and reports, without throwing, when the send fails', async () => {
    const calls: string[] = [];
    const outcome = await handOver(generation(1), async () => Promise.reject(new Error('queue down')), {
      outbox: { clear: async () => void calls.push('clear') },
      deferred: (work, error) => void calls.push(`deferred ${work.kind} ${(error as Error).message}`),
    });
    expect(outcome).toBe('deferred');
    expect(calls).toEqual(['deferred generation queue down']);
  });

  it('still answers handed_over when only clearing fails: the sweeper sends once more, harmlessly', async () => {
    const deferred: string[] = [];
    const outcome = await handOver(deletion(1), async () => undefined, {
      outbox: { clear: async () => Promise.reject(new Error('throttled')) },
      deferred: (_work, error) => void deferred.push((error as Error).message),
    });
    expect(outcome).toBe('handed_over');
    expect(deferred).toEqual(['throttled']);
  });
});

/** An outbox of `entries` per shard, read in pages as DynamoDB would; records each read's bounds. */
function fakeOutbox(shards: PendingWork[][]) {
  const reads: Array<{ shard: number; before: string; limit: number }> = [];
  const cleared: PendingWork[] = [];
  const reader: OutboxReader & { clear(work: PendingWork): Promise<void> } = {
    shards: shards.length,
    async pendingBefore(shard, before, limit, cursor) {
      reads.push({ shard, before, limit });
      const start = (cursor as number | undefined) ?? 0;
      const work = shards[shard]!.slice(start, start + limit);
      return { work, cursor: start + limit < shards[shard]!.length ? start + limit : undefined };
    },
    async clear(work) {
      cleared.push(work);
    },
  };
  return { reader, reads, cleared };
}

function depsWith(reader: SweepOutboxDeps['outbox'], overrides: Partial<SweepOutboxDeps> = {}) {
  const sent: string[] = [];
  const deps: SweepOutboxDeps = {
    outbox: reader,
    generationQueue: { enqueue: async (job) => void sent.push(`job ${job.generationId}`) },
    deletionWorkflow: { start: async ({ userId }) => (sent.push(`start ${userId}`), 'started') },
    finishConversationDeletion: async (userId, conversationId) => void sent.push(`finish ${userId}/${conversationId}`),
    now: () => new Date('2026-11-22T12:00:00.000Z'),
    graceSeconds: 60,
    maxPerRun: 500,
    ...overrides,
  };
  return { deps, sent };
}

describe('sweepOutbox', () => {
  it('reads every shard up to the grace period and hands over each entry by its kind, then clears it', async () => {
    const { reader, reads, cleared } = fakeOutbox([[generation(1)], [], [deletion(2)], [generation(3)]]);
    const { deps, sent } = depsWith(reader);

    const report = await sweepOutbox(deps);

    expect(sent).toEqual(['job g1', 'start u2', 'job g3']);
    expect(cleared).toEqual([generation(1), deletion(2), generation(3)]);
    expect(report.handedOver).toEqual(cleared);
    expect(reads.map((r) => r.shard)).toEqual([0, 1, 2, 3]);
    expect(new Set(reads.map((r) => r.before))).toEqual(new Set(['2026-11-22T11:59:00.000Z']));
  });

  it('finishes a conversation deletion, whose last step takes the entry away with the item', async () => {
    const conversation: PendingWork = { kind: 'conversation-deletion', userId: 'u1', conversationId: 'c1' };
    const { reader, cleared } = fakeOutbox([[conversation]]);
    const { deps, sent } = depsWith(reader);
    await expect(sweepOutbox(deps)).resolves.toMatchObject({ handedOver: [conversation] });
    expect(sent).toEqual(['finish u1/c1']);
    expect(cleared).toEqual([]);
  });

  it('treats a deletion already requested as handed over', async () => {
    const { reader, cleared } = fakeOutbox([[deletion(1)]]);
    const { deps } = depsWith(reader, { deletionWorkflow: { start: async () => 'already_requested' } });
    await expect(sweepOutbox(deps)).resolves.toMatchObject({ handedOver: [deletion(1)] });
    expect(cleared).toEqual([deletion(1)]);
  });

  it('pages through a shard and stops at maxPerRun, leaving the rest for the next run', async () => {
    const many = Array.from({ length: 250 }, (_, n) => generation(n));
    const { reader, reads } = fakeOutbox([many, [generation(999)]]);
    const { deps, sent } = depsWith(reader, { maxPerRun: 230 });

    await sweepOutbox(deps);

    expect(sent).toHaveLength(230);
    expect(reads).toEqual([
      expect.objectContaining({ shard: 0, limit: 100 }),
      expect.objectContaining({ shard: 0, limit: 100 }),
      expect.objectContaining({ shard: 0, limit: 30 }),
    ]);
  });

  it('keeps going past an entry that fails, leaves it marked, and throws at the end with what happened', async () => {
    const { reader, cleared } = fakeOutbox([[generation(1), generation(2), deletion(3)]]);
    const refused = Object.assign(new Error('access denied'), { name: 'KmsAccessDenied' });
    const { deps } = depsWith(reader, {
      generationQueue: { enqueue: async (job) => (job.generationId === 'g1' ? Promise.reject(refused) : undefined) },
    });

    const failure = await sweepOutbox(deps).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OutboxSweepIncomplete);
    const { report } = failure as OutboxSweepIncomplete;
    expect(report.failed).toEqual([{ work: generation(1), error: refused }]);
    expect(report.handedOver).toEqual([generation(2), deletion(3)]);
    expect(cleared).toEqual([generation(2), deletion(3)]);
  });
});

describe('outbox keys', () => {
  it('spreads entries over every shard and puts the commit time first in the sort key', () => {
    const shardsUsed = new Set(
      Array.from({ length: 200 }, (_, n) => keys.outboxEntry(keys.generationById('u', `g${n}`), '2026-11-22T12:00:00.000Z').outboxPk),
    );
    expect(shardsUsed).toEqual(new Set(Array.from({ length: keys.outboxShardCount }, (_, n) => `OUTBOX#${n}`)));
    expect(keys.outboxEntry(keys.profile('u1'), '2026-11-22T12:00:00.000Z').outboxSk).toBe('2026-11-22T12:00:00.000Z#PROFILE');
    // Sorts before any later cut-off, whatever follows the time.
    expect(keys.outboxEntry(keys.generationById('u', 'zzz'), '2026-11-22T11:58:59.999Z').outboxSk < '2026-11-22T11:59:00.000Z').toBe(true);
  });

  it('reads back what an entry waits for from the keys the index projects', () => {
    expect(keys.pendingWorkOf(keys.generationById('u1', 'g1'))).toEqual({ kind: 'generation', userId: 'u1', generationId: 'g1' });
    expect(keys.pendingWorkOf(keys.profile('u1'))).toEqual({ kind: 'account-deletion', userId: 'u1' });
    expect(keys.pendingWorkOf(keys.conversationById('u1', 'c1'))).toEqual({ kind: 'conversation-deletion', userId: 'u1', conversationId: 'c1' });
    expect(keys.pendingWorkOf(keys.image('u1', 'i1'))).toBeUndefined();
    expect(keys.pendingWorkOf({ pk: 'EXTERNAL#telegram#1', sk: 'POINTER' })).toBeUndefined();
  });
});
