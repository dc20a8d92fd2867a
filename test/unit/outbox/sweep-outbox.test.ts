/**
 * The outbox's rules on their own: a request's hand-over never fails the request and records the
 * hand-over only once the work is accepted; the sweeper reads each phase past its own wait, shard
 * by shard and page by page, abandons before it resends, keeps going past a failing entry, and
 * reports the failure at the end. Then the whole loop in memory (../generations/pictor-world.ts):
 * a request whose hand-over failed, the sweeper's grace period, and a generation never settled.
 */
import * as keys from '../../../lambdas/adapters/dynamodb/keys';
import { handOver } from '../../../lambdas/domain/outbox/hand-over';
import type { OutboxPhase, PendingWork } from '../../../lambdas/domain/outbox/outbox';
import type { OutboxReader } from '../../../lambdas/domain/outbox/ports';
import { OutboxSweepIncomplete, sweepOutbox, type SweepOutboxDeps } from '../../../lambdas/domain/outbox/sweep-outbox';
import { aPictor } from '../generations/pictor-world';

const generation = (n: number): PendingWork => ({ kind: 'generation', userId: `u${n}`, generationId: `g${n}` });
const accountDeletion = (n: number): PendingWork => ({ kind: 'account-deletion', userId: `u${n}` });
const at = '2026-11-22T12:00:00.000Z';
const now = () => new Date(at);

describe('handOver', () => {
  it('sends, then records the hand-over at that time', async () => {
    const calls: string[] = [];
    const outcome = await handOver(generation(1), async () => calls.push('send'), {
      outbox: {
        handedOver: async (_work, at) => void calls.push(`handed over ${at}`),
        clear: async () => void calls.push('clear'),
      },
      deferred: () => calls.push('deferred'),
      now,
    });
    expect(outcome).toBe('handed_over');
    expect(calls).toEqual(['send', `handed over ${at}`]);
  });

  it('keeps the entry and reports, without throwing, when the send fails', async () => {
    const calls: string[] = [];
    const outcome = await handOver(generation(1), async () => Promise.reject(new Error('queue down')), {
      outbox: { handedOver: async () => void calls.push('handed over'), clear: async () => void calls.push('clear') },
      deferred: (work, error) => void calls.push(`deferred ${work.kind} ${(error as Error).message}`),
      now,
    });
    expect(outcome).toBe('deferred');
    expect(calls).toEqual(['deferred generation queue down']);
  });

  it('still answers handed_over when only recording it fails: the sweeper sends once more, harmlessly', async () => {
    const deferred: string[] = [];
    const outcome = await handOver(accountDeletion(1), async () => undefined, {
      outbox: { handedOver: async () => Promise.reject(new Error('throttled')), clear: async () => undefined },
      deferred: (_work, error) => void deferred.push((error as Error).message),
      now,
    });
    expect(outcome).toBe('handed_over');
    expect(deferred).toEqual(['throttled']);
  });
});

type Shard = Partial<Record<OutboxPhase, PendingWork[]>>;

/** An outbox of entries per shard and phase, read in pages as DynamoDB would; records each read. */
function fakeOutbox(shards: Shard[]) {
  const reads: Array<{ shard: number; phase: OutboxPhase; before: string; limit: number }> = [];
  const calls: string[] = [];
  const reader: OutboxReader & SweepOutboxDeps['outbox'] = {
    shards: shards.length,
    async pendingBefore(shard, phase, before, limit, cursor) {
      reads.push({ shard, phase, before, limit });
      const entries = shards[shard]?.[phase] ?? [];
      const start = (cursor as number | undefined) ?? 0;
      return {
        work: entries.slice(start, start + limit),
        cursor: start + limit < entries.length ? start + limit : undefined,
      };
    },
    async handedOver(work, at) {
      calls.push(`handed over ${JSON.stringify(work)} at ${at}`);
    },
    async clear(work) {
      calls.push(`clear ${JSON.stringify(work)}`);
    },
  };
  return { reader, reads, calls };
}

function depsWith(reader: SweepOutboxDeps['outbox'], overrides: Partial<SweepOutboxDeps> = {}) {
  const sent: string[] = [];
  const deps: SweepOutboxDeps = {
    outbox: reader,
    generationQueue: { enqueue: async (job) => void sent.push(`job ${job.generationId}`) },
    deletionWorkflow: {
      async start({ userId }) {
        sent.push(`start ${userId}`);
        return 'started';
      },
    },
    exportQueue: { enqueue: async (job) => void sent.push(`export ${job.exportId}`) },
    finishConversationDeletion: async (userId, conversationId) => void sent.push(`finish ${userId}/${conversationId}`),
    abandonGeneration: async (_userId, generationId) => void sent.push(`abandon ${generationId}`),
    now,
    graceSeconds: 60,
    abandonAfterSeconds: 3600,
    maxPerRun: 500,
    ...overrides,
  };
  return { deps, sent };
}

describe('sweepOutbox', () => {
  it(
    'reads every shard, watched entries past the abandon ' + 'time first, then unsent ones past the grace period',
    async () => {
      const { reader, reads, calls } = fakeOutbox([
        { SEND: [generation(1)] },
        {},
        { SEND: [accountDeletion(2)] },
        { WATCH: [generation(3)], SEND: [generation(4)] },
      ]);
      const { deps, sent } = depsWith(reader);

      const report = await sweepOutbox(deps);

      expect(sent).toEqual(['job g1', 'start u2', 'abandon g3', 'job g4']);
      expect(report).toEqual({
        handedOver: [generation(1), accountDeletion(2), generation(4)],
        abandoned: [generation(3)],
        failed: [],
      });
      expect(calls).toEqual([
        `handed over ${JSON.stringify(generation(1))} at ${at}`,
        `handed over ${JSON.stringify(accountDeletion(2))} at ${at}`,
        `clear ${JSON.stringify(generation(3))}`,
        `handed over ${JSON.stringify(generation(4))} at ${at}`,
      ]);
      expect(reads.map((r) => `${r.shard} ${r.phase} ${r.before}`)).toEqual(
        [0, 1, 2, 3].flatMap((shard) => [
          `${shard} WATCH 2026-11-22T11:00:00.000Z`,
          `${shard} SEND 2026-11-22T11:59:00.000Z`,
        ]),
      );
    },
  );

  it('finishes a conversation deletion, whose last step takes the entry away with the item', async () => {
    const conversation: PendingWork = { kind: 'conversation-deletion', userId: 'u1', conversationId: 'c1' };
    const { reader, calls } = fakeOutbox([{ SEND: [conversation] }]);
    const { deps, sent } = depsWith(reader);
    await expect(sweepOutbox(deps)).resolves.toMatchObject({ handedOver: [conversation] });
    expect(sent).toEqual(['finish u1/c1']);
    expect(calls).toEqual([]);
  });

  it('puts an export whose request could not send its job on the export queue, and marks it handed over', async () => {
    const dataExport: PendingWork = { kind: 'export', userId: 'u1', exportId: 'e1' };
    const { reader, calls } = fakeOutbox([{ SEND: [dataExport] }]);
    const { deps, sent } = depsWith(reader);
    await expect(sweepOutbox(deps)).resolves.toMatchObject({ handedOver: [dataExport] });
    expect(sent).toEqual(['export e1']);
    expect(calls).toEqual([`handed over ${JSON.stringify(dataExport)} at ${at}`]);
  });

  it('treats a deletion already requested as handed over', async () => {
    const { reader, calls } = fakeOutbox([{ SEND: [accountDeletion(1)] }]);
    const { deps } = depsWith(reader, { deletionWorkflow: { start: async () => 'already_requested' } });
    await expect(sweepOutbox(deps)).resolves.toMatchObject({ handedOver: [accountDeletion(1)] });
    expect(calls).toHaveLength(1);
  });

  it('clears a watched entry that is not a generation without abandoning anything', async () => {
    const { reader, calls } = fakeOutbox([{ WATCH: [accountDeletion(1)] }]);
    const { deps, sent } = depsWith(reader);
    await sweepOutbox(deps);
    expect(sent).toEqual([]);
    expect(calls).toEqual([`clear ${JSON.stringify(accountDeletion(1))}`]);
  });

  it('pages through a shard and stops at maxPerRun, leaving the rest for the next run', async () => {
    const many = Array.from({ length: 250 }, (_, n) => generation(n));
    const { reader, reads } = fakeOutbox([{ SEND: many }, { SEND: [generation(999)] }]);
    const { deps, sent } = depsWith(reader, { maxPerRun: 230 });

    await sweepOutbox(deps);

    expect(sent).toHaveLength(230);
    expect(reads).toEqual([
      expect.objectContaining({ shard: 0, phase: 'WATCH', limit: 100 }),
      expect.objectContaining({ shard: 0, phase: 'SEND', limit: 100 }),
      expect.objectContaining({ shard: 0, phase: 'SEND', limit: 100 }),
      expect.objectContaining({ shard: 0, phase: 'SEND', limit: 30 }),
    ]);
  });

  it('keeps going past an entry that fails, leaves it in place, and throws at the end with what happened', async () => {
    const { reader, calls } = fakeOutbox([{ SEND: [generation(1), generation(2), accountDeletion(3)] }]);
    const refused = Object.assign(new Error('access denied'), { name: 'KmsAccessDenied' });
    const { deps } = depsWith(reader, {
      generationQueue: { enqueue: async (job) => (job.generationId === 'g1' ? Promise.reject(refused) : undefined) },
    });

    const failure = await sweepOutbox(deps).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OutboxSweepIncomplete);
    const { report } = failure as OutboxSweepIncomplete;
    expect(report.failed).toEqual([{ work: generation(1), error: refused }]);
    expect(report.handedOver).toEqual([generation(2), accountDeletion(3)]);
    expect(calls).toHaveLength(2);
  });
});

describe('outbox keys', () => {
  it('spreads entries over every shard and puts the phase, then the time, first in the sort key', () => {
    const shardsUsed = new Set(
      Array.from(
        { length: 200 },
        (_, n) => keys.outboxEntry(keys.generationById('u', `g${n}`), '2026-11-22T12:00:00.000Z').outboxPk,
      ),
    );
    expect(shardsUsed).toEqual(new Set(Array.from({ length: keys.outboxShardCount }, (_, n) => `OUTBOX#${n}`)));
    expect(keys.outboxEntry(keys.profile('u1'), '2026-11-22T12:00:00.000Z').outboxSk).toBe(
      'SEND#2026-11-22T12:00:00.000Z#PROFILE',
    );
    expect(keys.outboxEntry(keys.profile('u1'), '2026-11-22T12:00:00.000Z', 'WATCH').outboxSk).toBe(
      'WATCH#2026-11-22T12:00:00.000Z#PROFILE',
    );
    // Inside its phase's range up to a later cut-off, whatever follows the time; never in the other phase's.
    const entry = keys.outboxEntry(keys.generationById('u', 'zzz'), '2026-11-22T11:58:59.999Z').outboxSk;
    const send = keys.outboxRange(0, 'SEND', '2026-11-22T11:59:00.000Z');
    const watch = keys.outboxRange(0, 'WATCH', '2026-11-22T11:59:00.000Z');
    expect(entry >= send.from && entry <= send.to).toBe(true);
    expect(entry >= watch.from && entry <= watch.to).toBe(false);
    const later = keys.outboxEntry(keys.generationById('u', 'a'), '2026-11-22T11:59:00.001Z').outboxSk;
    expect(later <= send.to).toBe(false);
  });

  it('reads back what an entry waits for from the keys the index projects', () => {
    expect(keys.pendingWorkOf(keys.generationById('u1', 'g1'))).toEqual({
      kind: 'generation',
      userId: 'u1',
      generationId: 'g1',
    });
    expect(keys.pendingWorkOf(keys.profile('u1'))).toEqual({ kind: 'account-deletion', userId: 'u1' });
    expect(keys.pendingWorkOf(keys.conversationById('u1', 'c1'))).toEqual({
      kind: 'conversation-deletion',
      userId: 'u1',
      conversationId: 'c1',
    });
    const dataExport = { kind: 'export', userId: 'u1', exportId: 'e1' } as const;
    expect(keys.pendingWorkOf(keys.dataExport('u1', 'e1'))).toEqual(dataExport);
    expect(keys.pendingWorkKey(dataExport)).toEqual(keys.dataExport('u1', 'e1'));
    expect(keys.pendingWorkOf(keys.latestExport('u1'))).toBeUndefined();
    expect(keys.pendingWorkOf(keys.image('u1', 'i1'))).toBeUndefined();
    expect(keys.pendingWorkOf({ pk: 'EXTERNAL#telegram#1', sk: 'POINTER' })).toBeUndefined();
  });
});

describe('the outbox in memory, from the request to the sweeper', () => {
  const fox = { prompt: 'a red fox in the snow' };

  function annWithAConversation() {
    const pictor = aPictor();
    pictor.given.anAccount('ann', { credits: 5 });
    pictor.given.aConversation('ann', 'chat-1');
    return pictor;
  }

  it('leaves a job its request could not send alone for the grace period, then sends it and watches it', async () => {
    const { given, when, the } = annWithAConversation();
    given.theQueueIsDown();
    const { generation } = await when.asking('ann', 'chat-1', fox);
    const work: PendingWork = { kind: 'generation', userId: 'ann', generationId: generation.generationId };
    given.theQueueIsBack();

    when.secondsPass(59);
    await expect(when.theSweeperRuns()).resolves.toEqual({ handedOver: [], abandoned: [], failed: [] });
    expect(the.queue.sent).toEqual([]);

    when.secondsPass(2);
    await expect(when.theSweeperRuns()).resolves.toMatchObject({ handedOver: [work] });
    expect(the.queue.sent).toEqual([{ userId: 'ann', generationId: generation.generationId }]);
    expect(the.outbox.phaseOf(work)).toBe('WATCH');
  });

  it(
    'hands over each kind of pending work: a job, a ' + 'deletion workflow, the rest of a conversation deletion',
    async () => {
      const { given, when, the } = annWithAConversation();
      given.aConversation('ann', 'chat-2');
      const generation: PendingWork = { kind: 'generation', userId: 'ann', generationId: 'g-1' };
      const accountDeletion: PendingWork = { kind: 'account-deletion', userId: 'bob' };
      const conversationDeletion: PendingWork = {
        kind: 'conversation-deletion',
        userId: 'ann',
        conversationId: 'chat-2',
      };
      for (const work of [generation, accountDeletion, conversationDeletion])
        the.outbox.mark(work, the.now().toISOString());

      when.secondsPass(61);
      const report = await when.theSweeperRuns();

      expect(report.handedOver).toEqual(expect.arrayContaining([generation, accountDeletion, conversationDeletion]));
      expect(the.queue.sent).toEqual([{ userId: 'ann', generationId: 'g-1' }]);
      expect(the.workflowStarts).toEqual(['bob']);
      expect(the.conversationsFinished).toEqual(['ann/chat-2']);
      // Only the generation stays, watched until it settles.
      expect([...the.outbox.entries.values()].map((entry) => [entry.work.kind, entry.phase])).toEqual([
        ['generation', 'WATCH'],
      ]);
    },
  );

  it('fails and refunds, once, after the hour, a generation the worker started and never settled', async () => {
    const { when, the } = annWithAConversation();
    const { generation } = await when.asking('ann', 'chat-1', fox);
    const work: PendingWork = { kind: 'generation', userId: 'ann', generationId: generation.generationId };
    // A delivery starts it and then dies (a crash or a timeout), every time.
    when.secondsPass(5);
    await the.generations.start('ann', generation.generationId, the.now().toISOString());
    expect(the.balanceOf('ann')).toBe(4);

    when.secondsPass(3599);
    await expect(when.theSweeperRuns()).resolves.toMatchObject({ abandoned: [] });
    expect(the.generations.generation('ann', generation.generationId)?.status).toBe('RUNNING');

    when.secondsPass(2);
    await expect(when.theSweeperRuns()).resolves.toMatchObject({ abandoned: [work] });
    when.secondsPass(3601);
    await expect(when.theSweeperRuns()).resolves.toMatchObject({ abandoned: [] });
    // A delivery arriving late finds it settled.
    await expect(when.theWorkerRuns({ userId: 'ann', generationId: generation.generationId }, 4)).resolves.toBe(
      'skipped',
    );

    expect(the.generations.generation('ann', generation.generationId)).toMatchObject({
      status: 'FAILED',
      failure: { code: 'timed_out' },
    });
    expect(the.refundsOf('ann')).toHaveLength(1);
    expect(the.balanceOf('ann')).toBe(5);
    expect(the.outbox.entries.size).toBe(0);
  });

  it('abandons nothing that settled meanwhile: a stray watch entry is cleared without a refund', async () => {
    const { when, the } = annWithAConversation();
    const { generation } = await when.asking('ann', 'chat-1', fox);
    await when.theWorkerRuns({ userId: 'ann', generationId: generation.generationId });
    const work: PendingWork = { kind: 'generation', userId: 'ann', generationId: generation.generationId };
    the.outbox.mark(work, the.now().toISOString(), 'WATCH');

    when.secondsPass(3601);
    await when.theSweeperRuns();

    expect(the.generations.generation('ann', generation.generationId)?.status).toBe('SUCCEEDED');
    expect(the.refundsOf('ann')).toEqual([]);
    expect(the.outbox.entries.size).toBe(0);
  });
});
