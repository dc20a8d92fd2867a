/**
 * The action log as use cases, over in-memory ports: an entry per save or share with its expiry,
 * one counter shard per action (no user in it), the entries export reads (never an expired one),
 * and the operator's daily totals.
 */
import { actionCounterShards, actionLogLifetimeDays } from '../../../lambdas/domain/images/action-log';
import type { ImageRecord } from '../../../lambdas/domain/images/image';
import { readActionCounts } from '../../../lambdas/domain/images/read-action-counts';
import { readMyActionLog } from '../../../lambdas/domain/images/read-my-action-log';
import { recordImageAction, type RecordImageActionDeps } from '../../../lambdas/domain/images/record-image-action';
import { AccountInactiveError, NotFoundError } from '../../../lambdas/shared/errors';
import { MemoryImageLibrary } from '../../fixtures/memory-image-library';

const image: ImageRecord = {
  imageId: 'img-1',
  userId: 'ann',
  objectKey: 'users/ann/conversations/conv-1/img-1.png',
  width: 64,
  height: 64,
  conversationId: 'conv-1',
  generationId: 'gen-1',
  createdAt: '2026-11-20T10:00:00.000Z',
  modelId: 'stability.sd3-5-large-v1:0',
};

const now = new Date('2026-12-01T12:00:00.000Z');

function given(random = 0.5) {
  const store = new MemoryImageLibrary().add(image);
  let next = 0;
  const deps: RecordImageActionDeps = {
    actions: store,
    now: () => now,
    newId: () => `act-${++next}`,
    random: () => random,
  };
  return { store, deps };
}

describe('recordImageAction', () => {
  it('records the entry with its channel and expiry, and answers it', async () => {
    const { store, deps } = given();

    const answer = await recordImageAction(deps, 'ann', 'img-1', { type: 'share', channel: 'telegram' });

    const expiresAt = Math.floor(now.getTime() / 1000) + actionLogLifetimeDays * 86_400;
    expect(answer).toEqual({
      id: 'act-1',
      imageId: 'img-1',
      type: 'share',
      channel: 'telegram',
      createdAt: '2026-12-01T12:00:00.000Z',
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    });
    expect(store.actions).toEqual([
      {
        actionId: 'act-1',
        userId: 'ann',
        imageId: 'img-1',
        conversationId: 'conv-1',
        generationId: 'gen-1',
        type: 'share',
        channel: 'telegram',
        modelId: image.modelId,
        createdAt: '2026-12-01T12:00:00.000Z',
        expiresAt,
      },
    ]);
    expect(store.images.get('img-1')?.actionCount).toBe(1);
  });

  it('records a save without a channel as channel null', async () => {
    const { store, deps } = given();

    const answer = await recordImageAction(deps, 'ann', 'img-1', { type: 'save' });

    expect(answer.channel).toBeNull();
    expect(store.actions[0]).not.toHaveProperty('channel');
  });

  it.each([
    [0, 0],
    [0.99999, actionCounterShards - 1],
  ])('adds to the counter shard the random draw %p picks (%p)', async (draw, shard) => {
    const { store, deps } = given(draw);

    await recordImageAction(deps, 'ann', 'img-1', { type: 'save' });

    expect(store.counters).toEqual(new Map([[`2026-12-01#save#${image.modelId}#${shard}`, 1]]));
  });

  it('counts an image stored before images named their model under "unknown"', async () => {
    const { store, deps } = given();
    store.add({ ...image, modelId: undefined });

    await recordImageAction(deps, 'ann', 'img-1', { type: 'save' });

    expect([...store.counters.keys()]).toEqual(['2026-12-01#save#unknown#4']);
  });

  it("answers 404 for another person's image and records nothing", async () => {
    const { store, deps } = given();

    await expect(recordImageAction(deps, 'bob', 'img-1', { type: 'save' })).rejects.toThrow(NotFoundError);
    expect(store.actions).toEqual([]);
    expect(store.counters.size).toBe(0);
  });

  it('answers 404 when the conversation is being deleted, and records nothing', async () => {
    const { store, deps } = given();
    store.deletingConversations.add('conv-1');

    await expect(recordImageAction(deps, 'ann', 'img-1', { type: 'share' })).rejects.toThrow(NotFoundError);
    expect(store.actions).toEqual([]);
  });

  it('refuses an account that is not ACTIVE in the guarded write, and records nothing', async () => {
    const { store, deps } = given();
    store.account = { status: 'DISABLED' };

    await expect(recordImageAction(deps, 'ann', 'img-1', { type: 'share' })).rejects.toThrow(AccountInactiveError);
    expect(store.calls).toEqual(['find img-1', 'record share img-1 shard 4']);
    expect(store.actions).toEqual([]);
  });
});

describe('readMyActionLog', () => {
  it('never answers an expired entry, even when the store still holds it (TTL not run yet)', async () => {
    const { store, deps } = given();
    await recordImageAction(deps, 'ann', 'img-1', { type: 'save' });
    const later = new Date(now.getTime() + (actionLogLifetimeDays * 86_400 + 1) * 1000);
    store.ignoreExpiry = true;

    expect(await readMyActionLog({ actionLog: store, now: () => now }, 'ann')).toHaveLength(1);
    expect(await readMyActionLog({ actionLog: store, now: () => later }, 'ann')).toEqual([]);
  });
});

describe('readActionCounts', () => {
  it('sums the shards per day, type and model, for each of the last days, holding no user', async () => {
    const { store, deps } = given();
    let draw = 0;
    deps.random = () => (draw++ % actionCounterShards) / actionCounterShards;
    for (let i = 0; i < 3; i++) await recordImageAction(deps, 'ann', 'img-1', { type: 'save' });
    await recordImageAction(deps, 'ann', 'img-1', { type: 'share' });

    const counts = await readActionCounts({ counts: store, now: () => now }, 7);

    expect(store.counters.size).toBe(4);
    expect(counts).toEqual([
      { day: '2026-12-01', type: 'save', modelId: image.modelId, count: 3 },
      { day: '2026-12-01', type: 'share', modelId: image.modelId, count: 1 },
    ]);
    expect(JSON.stringify(counts)).not.toContain('ann');
  });
});
