/**
 * runGeneration against in-memory ports: each delivery of a job ends in exactly one settlement
 * (images stored and SUCCEEDED, or BLOCKED/FAILED with one refund), a retry, or nothing at all,
 * whatever the model answers and however often the queue delivers.
 */
import { PermanentModelError, TransientModelError } from '../../../lambdas/domain/generations/image-model-errors';
import { RetryLater } from '../../../lambdas/domain/generations/run-generation';
import { objectKeys } from '../../../lambdas/domain/storage/object-keys';
import { aPictor, png } from './pictor-world';

/** Ann, 5 credits, one generation (1 credit) committed and its job on the queue. */
async function aQueuedGeneration(
  request: Parameters<ReturnType<typeof aPictor>['when']['asking']>[2] = { prompt: 'a fox' },
) {
  const pictor = aPictor();
  pictor.given.anAccount('ann', { credits: 5 });
  pictor.given.aConversation('ann', 'chat-1');
  pictor.given.aReadyUpload('ann', 'upload-ready-1');
  const { generation } = await pictor.when.asking('ann', 'chat-1', request);
  const job = { userId: 'ann', generationId: generation.generationId };
  const [imageId] = generation.imageIds;
  if (imageId === undefined) throw new Error('a generation reserves an image id');
  const imageKey = objectKeys.generatedImage('ann', 'chat-1', imageId);
  return { ...pictor, generation, job, imageKey };
}

describe('runGeneration', () => {
  it('stores the image under its reserved key and settles SUCCEEDED once, with nothing refunded', async () => {
    const { when, the, job, imageKey } = await aQueuedGeneration();

    await expect(when.theWorkerRuns(job)).resolves.toBe('succeeded');

    expect(the.objects.keys()).toContain(imageKey);
    expect(the.generations.generation('ann', job.generationId)).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      images: [{ objectKey: imageKey, width: 1024, height: 1024 }],
    });
    expect(the.generations.images).toHaveLength(1);
    expect(the.balanceOf('ann')).toBe(4);
    expect(the.refundsOf('ann')).toEqual([]);
    expect(the.outbox.entries.size).toBe(0);
  });

  it('does nothing for a replayed delivery of a settled generation: no model call, no write', async () => {
    const { when, the, job } = await aQueuedGeneration();
    await when.theWorkerRuns(job);
    const puts = the.objects.calls.filter((call) => call.startsWith('put')).length;

    await expect(when.theWorkerRuns(job, 2)).resolves.toBe('skipped');

    expect(the.modelCalls).toHaveLength(1);
    expect(the.objects.calls.filter((call) => call.startsWith('put'))).toHaveLength(puts);
    expect(the.generations.images).toHaveLength(1);
    expect(the.generations.calls.filter((call) => call === 'succeed')).toHaveLength(1);
  });

  it(
    'settles BLOCKED with one refund when the model’s filter ' + 'withholds the image, however often it is delivered',
    async () => {
      const { given, when, the, job } = await aQueuedGeneration();
      given.theModelWill({ kind: 'blocked', reason: 'output_image' });

      await expect(when.theWorkerRuns(job)).resolves.toBe('blocked');
      await expect(when.theWorkerRuns(job, 2)).resolves.toBe('skipped');

      expect(the.generations.generation('ann', job.generationId)).toMatchObject({
        status: 'BLOCKED',
        failure: { code: 'blocked_output_image' },
      });
      expect(the.refundsOf('ann')).toEqual([expect.objectContaining({ amount: 1, generationId: job.generationId })]);
      expect(the.balanceOf('ann')).toBe(5);
      expect(the.objects.keys().filter((key) => key.startsWith('users/'))).toEqual([]);
    },
  );

  it('asks for a retry on a transient error, settling nothing', async () => {
    const { given, when, the, job } = await aQueuedGeneration();
    given.theModelWill(new TransientModelError('throttled'));

    await expect(when.theWorkerRuns(job, 1, 3)).rejects.toBeInstanceOf(RetryLater);

    expect(the.generations.generation('ann', job.generationId)).toMatchObject({ status: 'RUNNING', attempts: 1 });
    expect(the.refundsOf('ann')).toEqual([]);
    expect(the.balanceOf('ann')).toBe(4);
    // Watched from its start, so a job whose deliveries all crash is still settled by the sweeper.
    expect(the.outbox.phaseOf({ kind: 'generation', ...job })).toBe('WATCH');
  });

  it('succeeds on a later delivery after a transient error, writing the same object key', async () => {
    const { given, when, the, job, imageKey } = await aQueuedGeneration();
    given.theModelWill(new TransientModelError('throttled'));
    await when.theWorkerRuns(job, 1).catch(() => undefined);

    await expect(when.theWorkerRuns(job, 2)).resolves.toBe('succeeded');

    expect(the.generations.generation('ann', job.generationId)).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(the.objects.keys().filter((key) => key.startsWith('users/'))).toEqual([imageKey]);
  });

  it('settles FAILED with one refund on the last delivery instead of retrying', async () => {
    const { given, when, the, job } = await aQueuedGeneration();
    given.theModelWill(new TransientModelError('throttled'));

    await expect(when.theWorkerRuns(job, 3, 3)).resolves.toBe('failed');
    await expect(when.theWorkerRuns(job, 3, 3)).resolves.toBe('skipped');

    expect(the.generations.generation('ann', job.generationId)).toMatchObject({
      status: 'FAILED',
      failure: { code: 'model_unavailable' },
    });
    expect(the.refundsOf('ann')).toHaveLength(1);
    expect(the.balanceOf('ann')).toBe(5);
  });

  it('settles FAILED with one refund, at once, on a permanent model error', async () => {
    const { given, when, the, job } = await aQueuedGeneration();
    given.theModelWill(new PermanentModelError('invalid_prompt', 'the model refused the request'));

    await expect(when.theWorkerRuns(job, 1, 3)).resolves.toBe('failed');

    expect(the.generations.generation('ann', job.generationId)?.failure?.code).toBe('invalid_prompt');
    expect(the.refundsOf('ann')).toHaveLength(1);
  });

  it('removes the objects it wrote when the conversation is deleted while the model runs', async () => {
    const { given, when, the, job, imageKey } = await aQueuedGeneration();
    given.theModelWill(() => {
      the.generations.deleteConversation('ann', 'chat-1');
      return { kind: 'images', images: [{ png: png(2), seed: 1234 }] };
    });

    await expect(when.theWorkerRuns(job)).resolves.toBe('discarded');

    expect(the.objects.calls).toContain(`put ${imageKey}`);
    expect(the.objects.keys()).not.toContain(imageKey);
    expect(the.generations.images).toEqual([]);
  });

  it('copies the reference into the conversation and sends it to the model with the strength', async () => {
    const { when, the, job, generation } = await aQueuedGeneration({
      prompt: 'a fox',
      model: 'sd3-5-large',
      referenceUploadIds: ['upload-ready-1'],
      strength: 0.3,
    });
    const kept = objectKeys.generationReference('ann', 'chat-1', generation.generationId, 0);

    await expect(when.theWorkerRuns(job)).resolves.toBe('succeeded');

    expect(the.objects.keys()).toContain(kept);
    expect(the.modelCalls).toEqual([[expect.objectContaining({ id: 'sd3-5-large' }), expect.anything()]]);
    expect(the.modelCalls[0]?.[1].reference).toEqual({ png: png(9), strength: 0.3 });
  });

  it('settles FAILED with a refund when the reference is gone before the first delivery', async () => {
    const { when, the, job } = await aQueuedGeneration({
      prompt: 'a fox',
      model: 'sd3-5-large',
      referenceUploadIds: ['upload-ready-1'],
    });
    await the.objects.deleteKeys([objectKeys.uploadValidated('ann', 'upload-ready-1')]);

    await expect(when.theWorkerRuns(job)).resolves.toBe('failed');

    expect(the.modelCalls).toEqual([]);
    expect(the.generations.generation('ann', job.generationId)?.failure?.code).toBe('reference_unavailable');
    expect(the.balanceOf('ann')).toBe(5);
  });

  it('skips a job whose generation was deleted with its conversation before it ran', async () => {
    const { when, the, job } = await aQueuedGeneration();
    the.generations.deleteConversation('ann', 'chat-1');

    await expect(when.theWorkerRuns(job)).resolves.toBe('skipped');
    expect(the.modelCalls).toEqual([]);
  });
});
