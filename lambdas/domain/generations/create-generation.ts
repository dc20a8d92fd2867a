/** POST /v1/conversations/{id}/generations: a paid generation, queued for the worker. */
import { createHash } from 'node:crypto';
import {
  ConflictError,
  InsufficientCreditsError,
  NotFoundError,
  TemporarilyUnavailableError,
  UnprocessableError,
  ValidationError,
} from '../../shared/errors';
import { handOver } from '../outbox/hand-over';
import type { DeferredHandOver, OutboxStore } from '../outbox/ports';
import { readableItem } from '../profile/account-status';
import { asActiveAccount, type EnsureProfileDeps } from '../profile/ensure-profile';
import type { Clock } from '../shared/clock';
import { defaultModelId, defaultStrength, maxSeed, type Generation, type GenerationRequest } from './generation';
import { ModerationUnavailableError } from './moderation-errors';
import { findModel } from './models';
import type { GenerationQueue, GenerationStore, IdempotencyMarker, PromptModerator } from './ports';
import { lifetimeDays } from '../retention/lifetimes';

export interface CreateGenerationDeps {
  generations: GenerationStore;
  moderator: PromptModerator;
  queue: GenerationQueue;
  outbox: OutboxStore;
  deferred: DeferredHandOver;
  profiles: EnsureProfileDeps;
  now: Clock;
  /** Time-ordered unique ids (generations) and random ids (images). */
  newId: () => string;
  newImageId: () => string;
  /** A seed for requests that name none, so every generation can be reproduced. */
  randomSeed: () => number;
}

/** How long a client may retry with the same Idempotency-Key. */
const idempotencyWindowSeconds = lifetimeDays.idempotencyRecords * 86_400;

export interface CreateGenerationInput {
  userId: string;
  conversationId: string;
  request: GenerationRequest;
  idempotencyKey: string;
  /** Asked for from a chat (the Telegram bot): where the worker replies once it settles. */
  chatReply?: { chatId: number; language: string };
}

/**
 * POST /v1/conversations/{id}/generations. Primary course:
 *  1. check the request against the model registry (model, aspect ratio, image-to-image);
 *  2. moderate the prompt, before any charge or model call (a blocked prompt costs nothing);
 *  3. one transaction: debit, generation (QUEUED), ledger entry, idempotency marker, with the
 *     conversation and every reference checked in the same transaction;
 *  4. hand the job to the generation queue (../outbox/hand-over.ts: the generation was committed in
 *     the outbox, so a send that fails here is made good by the sweeper, not by failing the
 *     request); answer 202 with the generation.
 * Alternatives: the same Idempotency-Key again → the same generation, no second debit (and the
 * job is sent again while it is still QUEUED, which hands it over sooner than the sweeper); the
 * same key with a different request → 409; not enough credits → 402; first call ever → create
 * the profile with its starter grant, then try once more.
 */
export async function createGeneration(
  deps: CreateGenerationDeps,
  input: CreateGenerationInput,
): Promise<{ generation: Generation; replayed: boolean }> {
  const { userId, conversationId, request } = input;
  const model = findModel(request.model ?? defaultModelId);
  if (!model) throw new ValidationError('invalid_request', 'Unknown model.', 'model');
  const aspectRatio = request.aspectRatio ?? '1:1';
  if (!model.aspectRatios.includes(aspectRatio)) {
    throw new ValidationError(
      'invalid_request',
      `${model.name} does not offer aspect ratio ${aspectRatio}.`,
      'aspectRatio',
    );
  }
  const references = request.referenceUploadIds ?? [];
  if (references.length > 0 && !model.imageToImage) {
    throw new UnprocessableError(
      'image_to_image_unsupported',
      `${model.name} does not take a reference image; choose a model that does.`,
    );
  }
  if (request.strength !== undefined && references.length === 0) {
    throw new ValidationError('invalid_request', 'strength applies only with a reference image.', 'strength');
  }

  const verdict = await deps.moderator
    .check({ prompt: request.prompt, negativePrompt: request.negativePrompt })
    .catch((error: unknown) => {
      // Fail closed: an unmoderated prompt is never charged or sent to a model.
      if (error instanceof ModerationUnavailableError) {
        throw new TemporarilyUnavailableError(
          'moderation_unavailable',
          'Prompts cannot be checked right now; nothing was charged. Try again shortly.',
        );
      }
      throw error;
    });
  if (!verdict.allowed) throw new UnprocessableError('prompt_blocked', verdict.message);

  const now = deps.now();
  const createdAt = now.toISOString();
  const generationId = deps.newId();
  const generation: Generation = {
    generationId,
    userId,
    conversationId,
    status: 'QUEUED',
    prompt: request.prompt,
    negativePrompt: request.negativePrompt,
    modelId: model.id,
    aspectRatio,
    seed: request.seed ?? deps.randomSeed(),
    referenceUploadIds: references,
    strength: references.length > 0 ? (request.strength ?? defaultStrength) : undefined,
    credits: model.credits,
    imageIds: [deps.newImageId()],
    images: [],
    ...(input.chatReply ? { chatReply: { ...input.chatReply } } : {}),
    attempts: 0,
    createdAt,
    updatedAt: createdAt,
  };
  const debit = {
    entryId: generationId,
    userId,
    kind: 'GENERATION' as const,
    amount: -model.credits,
    generationId,
    createdAt,
  };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const marker: IdempotencyMarker = {
    keyHash: sha256(input.idempotencyKey),
    // Key order in the client's JSON must not matter.
    requestHash: sha256(
      JSON.stringify([conversationId, Object.entries(request).sort(([a], [b]) => a.localeCompare(b))]),
    ),
    generationId,
    expiresAt: nowSeconds + idempotencyWindowSeconds,
  };

  const outcome = await asActiveAccount(deps.profiles, userId, () =>
    deps.generations.create(generation, debit, marker, nowSeconds),
  );

  switch (outcome.outcome) {
    case 'created':
      await sendJob(deps, userId, generationId);
      return { generation, replayed: false };
    case 'duplicate':
      return replay(deps, userId, marker, outcome.marker);
    case 'insufficient_credits':
      throw new InsufficientCreditsError(model.credits, outcome.balance);
    case 'conversation_missing':
      throw new NotFoundError('No such conversation.');
    case 'reference_not_ready':
      throw new UnprocessableError(
        'reference_not_ready',
        `Upload ${outcome.uploadId} is not a validated image of yours; complete it first.`,
      );
  }
}

async function replay(
  deps: CreateGenerationDeps,
  userId: string,
  attempted: IdempotencyMarker,
  stored: IdempotencyMarker,
) {
  if (stored.requestHash !== attempted.requestHash) {
    throw new ConflictError(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different request; use a new key.',
    );
  }
  // The guarded read: a replay answers nothing to an account that is no longer ACTIVE (SECURITY B4).
  const generation = readableItem(await deps.generations.get(userId, stored.generationId));
  // The marker and the generation are written together; a missing generation was deleted with its conversation.
  if (!generation) throw new NotFoundError('The generation this key created no longer exists.');
  if (generation.status === 'QUEUED') await sendJob(deps, userId, generation.generationId);
  return { generation, replayed: true };
}

function sendJob(deps: CreateGenerationDeps, userId: string, generationId: string) {
  return handOver(
    { kind: 'generation', userId, generationId },
    () => deps.queue.enqueue({ userId, generationId }),
    deps,
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function randomSeed(): number {
  return 1 + Math.floor(Math.random() * maxSeed);
}
