/**
 * createGeneration against in-memory ports: what is charged, written and sent for each answer a
 * person can get. "Nothing charged" is read from the wallet and the ledger, "nothing written"
 * from the store, the outbox and the queue.
 */
import {
  AccountInactiveError,
  ConflictError,
  InsufficientCreditsError,
  NotFoundError,
  TemporarilyUnavailableError,
  UnprocessableError,
} from '../../../lambdas/shared/errors';
import { aPictor } from './pictor-world';

const fox = { prompt: 'a red fox in the snow' };
const job = (generationId: string) => ({ kind: 'generation' as const, userId: 'ann', generationId });

function annWithCredits(credits: number) {
  const pictor = aPictor();
  pictor.given.anAccount('ann', { credits });
  pictor.given.aConversation('ann', 'chat-1');
  return pictor;
}

describe('createGeneration', () => {
  it('debits the model price once, queues the job and records the hand-over', async () => {
    const { when, the } = annWithCredits(5);

    const { generation, replayed } = await when.asking('ann', 'chat-1', fox);

    expect(replayed).toBe(false);
    expect(generation).toMatchObject({ status: 'QUEUED', credits: 1, seed: 1234, modelId: 'stable-image-core' });
    expect(the.balanceOf('ann')).toBe(4);
    expect(the.ledgerOf('ann')).toEqual([
      expect.objectContaining({ kind: 'STARTER_GRANT' }),
      expect.objectContaining({ kind: 'GENERATION', amount: -1, generationId: generation.generationId }),
    ]);
    expect(the.queue.sent).toEqual([{ userId: 'ann', generationId: generation.generationId }]);
    // Handed over: the sweeper now only watches it until it settles.
    expect(the.outbox.phaseOf(job(generation.generationId))).toBe('WATCH');
    expect(the.deferred).toEqual([]);
  });

  it('refuses a prompt the moderator blocks before anything is charged or stored', async () => {
    const { given, when, the } = annWithCredits(5);
    given.theModeratorBlocks('This prompt describes violence.');

    await expect(when.asking('ann', 'chat-1', fox)).rejects.toMatchObject({
      constructor: UnprocessableError,
      code: 'prompt_blocked',
      message: 'This prompt describes violence.',
    });

    expect(the.prompts).toEqual([fox.prompt]);
    expect(the.balanceOf('ann')).toBe(5);
    expect(the.ledgerOf('ann')).toHaveLength(1);
    expect(the.generations.calls).toEqual([]);
    expect(the.queue.sent).toEqual([]);
  });

  it('fails closed when the moderator cannot answer: 503, nothing charged', async () => {
    const { given, when, the } = annWithCredits(5);
    given.theModeratorIsUnavailable();

    await expect(when.asking('ann', 'chat-1', fox)).rejects.toMatchObject({
      constructor: TemporarilyUnavailableError,
      code: 'moderation_unavailable',
    });
    expect(the.balanceOf('ann')).toBe(5);
    expect(the.generations.calls).toEqual([]);
  });

  it('refuses a generation the wallet cannot pay for and writes nothing', async () => {
    const { when, the } = annWithCredits(3);

    // Stable Image Ultra costs 4 credits.
    const refusal = await when.asking('ann', 'chat-1', { ...fox, model: 'stable-image-ultra' }).catch((e) => e);

    expect(refusal).toBeInstanceOf(InsufficientCreditsError);
    expect(refusal).toMatchObject({ code: 'insufficient_credits' });
    expect(the.balanceOf('ann')).toBe(3);
    expect(the.ledgerOf('ann')).toHaveLength(1);
    expect(the.generations.generations.size).toBe(0);
    expect(the.generations.markers.size).toBe(0);
    expect(the.outbox.entries.size).toBe(0);
    expect(the.queue.sent).toEqual([]);
  });

  it('answers a replay of the same key and request with the same generation, charged once', async () => {
    const { when, the } = annWithCredits(5);
    const first = await when.asking('ann', 'chat-1', { prompt: fox.prompt, aspectRatio: '16:9' }, 'key-same-0001');

    // The same request with its fields in another order is the same request.
    const again = await when.asking('ann', 'chat-1', { aspectRatio: '16:9', prompt: fox.prompt }, 'key-same-0001');

    expect(again.replayed).toBe(true);
    expect(again.generation.generationId).toBe(first.generation.generationId);
    expect(the.balanceOf('ann')).toBe(4);
    expect(the.ledgerOf('ann').filter((entry) => entry.kind === 'GENERATION')).toHaveLength(1);
    expect(the.generations.generations.size).toBe(1);
    // Still QUEUED, so its job is sent again: a replay hands it over sooner than the sweeper would.
    expect(the.queue.sent).toHaveLength(2);
  });

  it('does not send the job again for a replay once the generation has started', async () => {
    const { when, the } = annWithCredits(5);
    const first = await when.asking('ann', 'chat-1', fox, 'key-started-01');
    await the.generations.start('ann', first.generation.generationId, '2026-11-22T12:00:01.000Z');

    const again = await when.asking('ann', 'chat-1', fox, 'key-started-01');

    expect(again).toMatchObject({ replayed: true, generation: { status: 'RUNNING' } });
    expect(the.queue.sent).toHaveLength(1);
  });

  it('refuses the same key with a different request as idempotency_key_reused, charging nothing more', async () => {
    const { when, the } = annWithCredits(5);
    await when.asking('ann', 'chat-1', fox, 'key-reused-001');

    await expect(when.asking('ann', 'chat-1', { prompt: 'a blue whale' }, 'key-reused-001')).rejects.toMatchObject({
      constructor: ConflictError,
      code: 'idempotency_key_reused',
    });
    expect(the.balanceOf('ann')).toBe(4);
    expect(the.generations.generations.size).toBe(1);
  });

  it(
    'still answers with the generation when the queue is ' + 'down, leaving the job in the outbox for the sweeper',
    async () => {
      const { given, when, the } = annWithCredits(5);
      given.theQueueIsDown();

      const { generation } = await when.asking('ann', 'chat-1', fox);

      expect(generation.status).toBe('QUEUED');
      expect(the.balanceOf('ann')).toBe(4);
      expect(the.queue.sent).toEqual([]);
      expect(the.outbox.phaseOf(job(generation.generationId))).toBe('SEND');
      expect(the.deferred).toEqual([job(generation.generationId)]);
    },
  );

  it(
    'still answers when only recording the hand-over ' + 'fails: the job went, the sweeper sends it once more',
    async () => {
      const { when, the } = annWithCredits(5);
      the.outbox.failHandedOver = new Error('throttled');

      const { generation } = await when.asking('ann', 'chat-1', fox);

      expect(the.queue.sent).toHaveLength(1);
      expect(the.outbox.phaseOf(job(generation.generationId))).toBe('SEND');
    },
  );

  it('refuses a reference that is not a validated upload of the caller, charging nothing', async () => {
    const { when, the } = annWithCredits(5);

    await expect(
      when.asking('ann', 'chat-1', { ...fox, model: 'sd3-5-large', referenceUploadIds: ['upload-not-ready'] }),
    ).rejects.toMatchObject({ constructor: UnprocessableError, code: 'reference_not_ready' });
    expect(the.balanceOf('ann')).toBe(5);
    expect(the.generations.generations.size).toBe(0);
  });

  it('takes a validated reference, with the default strength', async () => {
    const { given, when, the } = annWithCredits(5);
    given.aReadyUpload('ann', 'upload-ready-1');

    const { generation } = await when.asking('ann', 'chat-1', {
      ...fox,
      model: 'sd3-5-large',
      referenceUploadIds: ['upload-ready-1'],
    });

    expect(generation).toMatchObject({ referenceUploadIds: ['upload-ready-1'], strength: 0.6, credits: 2 });
    expect(the.balanceOf('ann')).toBe(3);
  });

  it('refuses a reference for a model that takes none before moderating or charging', async () => {
    const { when, the } = annWithCredits(5);

    await expect(
      when.asking('ann', 'chat-1', { ...fox, referenceUploadIds: ['upload-ready-1'] }),
    ).rejects.toMatchObject({
      code: 'image_to_image_unsupported',
    });
    expect(the.prompts).toEqual([]);
    expect(the.generations.calls).toEqual([]);
  });

  it('answers 404 for a conversation that is not the caller’s', async () => {
    const { when, the } = annWithCredits(5);

    await expect(when.asking('ann', 'someone-elses', fox)).rejects.toBeInstanceOf(NotFoundError);
    expect(the.balanceOf('ann')).toBe(5);
  });

  it('creates a first-time caller’s profile with the starter grant, then charges it', async () => {
    const { given, when, the } = aPictor();
    given.aConversation('bob', 'chat-1');

    await when.asking('bob', 'chat-1', fox);

    expect(the.ledgerOf('bob').map((entry) => [entry.kind, entry.amount])).toEqual([
      ['STARTER_GRANT', 3],
      ['GENERATION', -1],
    ]);
    expect(the.balanceOf('bob')).toBe(2);
  });

  it('refuses an account being deleted and charges nothing', async () => {
    const { given, when, the } = aPictor();
    given.anAccount('ann', { credits: 5, status: 'DELETING' });
    given.aConversation('ann', 'chat-1');

    await expect(when.asking('ann', 'chat-1', fox)).rejects.toBeInstanceOf(AccountInactiveError);
    expect(the.balanceOf('ann')).toBe(5);
    expect(the.queue.sent).toEqual([]);
  });
});
