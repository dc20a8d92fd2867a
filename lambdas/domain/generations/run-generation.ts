/** The generation worker's use case: one delivery of a generation's job, run to an outcome. */
import type { Clock } from '../shared/clock';
import { objectKeys } from '../storage/object-keys';
import type { ObjectStore } from '../storage/ports';
import { blockedFailure, modelFailure, type Generation, type GenerationFailure, type StoredImage } from './generation';
import type { GenerationJob } from './generation-job';
import { PermanentModelError } from './image-model-errors';
import { findModel } from './models';
import type { ChatReplies, GenerationStore, ImageDimensions, ImageModel, ImageRequest } from './ports';
import { refundGeneration } from './refund-generation';

export interface RunGenerationDeps {
  generations: GenerationStore;
  objects: ObjectStore;
  model: ImageModel;
  now: Clock;
  dimensionsOf: ImageDimensions;
  /** Where a generation asked for from a chat is answered (absent: no chat replies in this stage). */
  chatReplies?: ChatReplies;
}

export interface Delivery {
  /** 1 on the first delivery. */
  receiveCount: number;
  /** The queue's maxReceiveCount: the last delivery must settle the generation. */
  maxAttempts: number;
}

export type RunResult = 'succeeded' | 'blocked' | 'failed' | 'skipped' | 'discarded';

/** The job should be delivered again later; nothing was settled. */
export class RetryLater extends Error {
  constructor(cause: unknown) {
    super('generation will be retried', { cause });
    this.name = 'RetryLater';
  }
}

/** Largest reference the worker reads back (validated copies are re-encoded PNGs well under this). */
const maxReferenceBytes = 64 * 1024 * 1024;

/**
 * Runs one delivery of a generation's job. Primary course:
 *  1. start: QUEUED/RUNNING → RUNNING (conditional; a finished or deleted generation is skipped);
 *  2. copy each reference into the conversation (so it outlives the upload) and read it;
 *  3. call the model;
 *  4. store each image under its reserved id, then SUCCEEDED with its image items.
 * Alternatives: a content filter → BLOCKED and refund; a permanent model error → FAILED and
 * refund; a transient error → `RetryLater` (the queue redelivers with backoff) unless this is
 * the last delivery, then FAILED and refund. If the generation or its conversation was deleted
 * while the model ran, the objects just written are deleted again: no orphan. A generation asked
 * for from a chat gets its reply once it settles, also on a redelivery that finds it settled
 * already (the reply is recorded, so it goes out once: ../telegram/generation-replies.ts).
 */
export async function runGeneration(
  deps: RunGenerationDeps,
  job: GenerationJob,
  delivery: Delivery,
): Promise<RunResult> {
  const start = await deps.generations.start(job.userId, job.generationId, deps.now().toISOString());
  if (start.kind === 'gone') return 'skipped';
  if (start.kind === 'settled') {
    await replyToChat(deps, start.generation);
    return 'skipped';
  }
  const generation = start.generation;
  if (generation.chatReply && deps.chatReplies) await deps.chatReplies.started(generation);
  const model = findModel(generation.modelId);
  if (!model) return settle(deps, generation, 'FAILED', modelFailure('model_retired'));

  let images: StoredImage[];
  try {
    const reference = await loadReference(deps, generation);
    if (reference === 'missing') return settle(deps, generation, 'FAILED', modelFailure('reference_unavailable'));
    const request: ImageRequest = {
      prompt: generation.prompt,
      negativePrompt: generation.negativePrompt,
      aspectRatio: generation.aspectRatio,
      seed: generation.seed,
      reference: reference && { png: reference, strength: generation.strength ?? 0.6 },
    };
    const outcome = await deps.model.generate(model, request);
    if (outcome.kind === 'blocked') return settle(deps, generation, 'BLOCKED', blockedFailure(outcome.reason));
    images = await storeImages(
      deps,
      generation,
      outcome.images.map((image) => image.png),
    );
  } catch (error) {
    if (error instanceof PermanentModelError) return settle(deps, generation, 'FAILED', modelFailure(error.reason));
    if (delivery.receiveCount >= delivery.maxAttempts)
      return settle(deps, generation, 'FAILED', modelFailure('model_unavailable'));
    throw new RetryLater(error);
  }

  const finishedAt = deps.now().toISOString();
  if (await deps.generations.succeed(generation, images, finishedAt)) {
    await replyToChat(deps, { ...generation, status: 'SUCCEEDED', images, updatedAt: finishedAt, finishedAt });
    return 'succeeded';
  }
  // Deleted (or settled by another delivery) while the model ran: take back what was written.
  await deps.objects.deleteKeys(images.map((image) => image.objectKey));
  return 'discarded';
}

async function loadReference(
  deps: RunGenerationDeps,
  generation: Generation,
): Promise<Uint8Array | undefined | 'missing'> {
  const [uploadId] = generation.referenceUploadIds;
  if (uploadId === undefined) return undefined;
  const kept = objectKeys.generationReference(generation.userId, generation.conversationId, generation.generationId, 0);
  // Copy first, read the copy: a retry after the upload expired still finds it.
  await deps.objects.copy(objectKeys.uploadValidated(generation.userId, uploadId), kept);
  const read = await deps.objects.getBytes(kept, maxReferenceBytes);
  if (!read || 'tooLarge' in read) return 'missing';
  return read.bytes;
}

async function storeImages(
  deps: RunGenerationDeps,
  generation: Generation,
  pngs: Uint8Array[],
): Promise<StoredImage[]> {
  // Only as many images as ids were reserved: the keys must be the same on every retry.
  const stored = pngs.slice(0, generation.imageIds.length).map((png, index) => {
    const imageId = generation.imageIds[index];
    return {
      png,
      image: {
        imageId,
        objectKey: objectKeys.generatedImage(generation.userId, generation.conversationId, imageId),
        ...deps.dimensionsOf(png),
      },
    };
  });
  if (stored.length === 0) throw new PermanentModelError('empty_response', 'the model returned no image');
  await Promise.all(stored.map(({ png, image }) => deps.objects.putPng(image.objectKey, png)));
  return stored.map(({ image }) => image);
}

async function settle(
  deps: RunGenerationDeps,
  generation: Generation,
  status: 'BLOCKED' | 'FAILED',
  failure: GenerationFailure,
): Promise<RunResult> {
  if (!(await refundGeneration(deps, generation, status, failure))) return 'skipped';
  await replyToChat(deps, { ...generation, status, failure });
  return status === 'BLOCKED' ? 'blocked' : 'failed';
}

/** A settled generation's chat reply, unless it has none or it went out already. */
async function replyToChat(deps: RunGenerationDeps, generation: Generation): Promise<void> {
  if (!generation.chatReply || generation.chatReply.repliedAt !== undefined || !deps.chatReplies) return;
  await deps.chatReplies.settled(generation);
}
