/**
 * The generation area's ports: storage (the DynamoDB adapters), the generation queue (SQS), the
 * prompt moderator (Bedrock Guardrails, or rules offline) and the image model (Bedrock, or the
 * local painter offline). Unit tests use in-memory ones (test/fixtures/). Types only: what a
 * port may throw is in ./image-model-errors.ts and ./moderation-errors.ts.
 */
import type { OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/ports';
import type { LedgerEntry } from '../profile/profile';
import type { Generation, GenerationFailure, StoredImage } from './generation';
import type { GenerationJob } from './generation-job';
import type { AspectRatio, ModelDefinition } from './models';

// Storage: each method is one request (a transaction counts as one).

export interface IdempotencyMarker {
  /** SHA-256 of the client's Idempotency-Key. */
  keyHash: string;
  /** SHA-256 of what was asked, so the same key with a different request is refused. */
  requestHash: string;
  generationId: string;
  /** Epoch seconds; an expired marker no longer counts, whether or not TTL has removed it yet. */
  expiresAt: number;
}

export type CreateGenerationOutcome =
  | { outcome: 'created' }
  | { outcome: 'duplicate'; marker: IdempotencyMarker }
  | { outcome: 'insufficient_credits'; balance: number }
  | AccountRefusal
  | { outcome: 'conversation_missing' }
  | { outcome: 'reference_not_ready'; uploadId: string };

/** What showing a generation needs (GET /v1/generations/{id}). */
export interface GenerationReadStore {
  /** The generation with its owner's account status, read together (SECURITY B4). */
  get(userId: string, generationId: string): Promise<OwnedRead<Generation>>;
}

export interface GenerationStore extends GenerationReadStore {
  /**
   * One TransactWriteItems: debit the wallet (enough credits, account active), check the
   * conversation and each reference, put the generation, its ledger entry and the idempotency
   * marker. All or nothing; the outcome says which condition stopped it.
   */
  create(
    generation: Generation,
    debit: LedgerEntry,
    marker: IdempotencyMarker,
    nowEpochSeconds: number,
  ): Promise<CreateGenerationOutcome>;
  /**
   * QUEUED or RUNNING → RUNNING, counting the attempt. A generation already finished comes back as
   * `settled` (read by the same request), so a redelivered job can still finish its chat reply.
   */
  start(userId: string, generationId: string, now: string): Promise<StartOutcome>;
  /** RUNNING → SUCCEEDED with its image items, while its conversation is ACTIVE; false otherwise (nothing written). */
  succeed(generation: Generation, images: StoredImage[], now: string): Promise<boolean>;
  /** RUNNING → BLOCKED or FAILED and the refund, in one transaction; false when already finished or gone. */
  failWithRefund(
    generation: Generation,
    status: 'BLOCKED' | 'FAILED',
    failure: GenerationFailure,
    refund: LedgerEntry,
  ): Promise<boolean>;
  /** Records that its chat reply went out: false when it had been recorded already. */
  markChatReplied(userId: string, generationId: string, at: string): Promise<boolean>;
}

export type StartOutcome =
  | { kind: 'started'; generation: Generation }
  | { kind: 'settled'; generation: Generation }
  | { kind: 'gone' };

/**
 * Tells the chat a generation came from how it went (the Telegram bot; no-op for the API, whose
 * clients poll). `started` is a courtesy (a "sending a photo" action) and may fail silently;
 * `settled` sends the image or the reason and the refund, once.
 */
export interface ChatReplies {
  started(generation: Generation): Promise<void>;
  settled(generation: Generation): Promise<void>;
}

/** Where a committed generation's job is sent (the generation worker's queue). */
export interface GenerationQueue {
  enqueue(job: GenerationJob): Promise<void>;
}

// Moderation: Bedrock Guardrails ApplyGuardrail in AWS, a rule-based moderator offline.

export interface PromptText {
  prompt: string;
  negativePrompt?: string;
}

export type ModerationVerdict =
  | { allowed: true }
  /**
   * `category` is a stable code (e.g. `sexual`, `violence`, `hate`, `self_harm`, `policy`); `message` is safe to show.
   */
  | { allowed: false; category: string; message: string };

/**
 * Prompts pass it before any charge or model call (SECURITY G3). It throws
 * ModerationUnavailableError (./moderation-errors.ts) when it cannot give a verdict.
 */
export interface PromptModerator {
  check(text: PromptText): Promise<ModerationVerdict>;
}

// The image model: Bedrock in AWS, the local painter offline.

export interface ImageRequest {
  prompt: string;
  negativePrompt?: string;
  aspectRatio: AspectRatio;
  /** Always concrete (never "random"), so a generation can be reproduced: 0..4294967294. */
  seed: number;
  /** Image-to-image: a validated, re-encoded PNG and how strongly to depart from it (0..1). */
  reference?: { png: Uint8Array; strength: number };
}

export interface GeneratedImage {
  png: Uint8Array;
  /** The seed the provider reports having used. */
  seed: number;
}

/** Why a provider's content filter stopped the request; the app shows a matching message. */
export type BlockReason = 'prompt' | 'input_image' | 'output_image';

export type ImageOutcome = { kind: 'images'; images: GeneratedImage[] } | { kind: 'blocked'; reason: BlockReason };

/**
 * Every image provider implements it. Besides its outcomes it throws only TransientModelError
 * or PermanentModelError (./image-model-errors.ts), so the worker's retry and refund rules are
 * written once, whatever the provider.
 */
export interface ImageModel {
  generate(model: ModelDefinition, request: ImageRequest): Promise<ImageOutcome>;
}

/** Reads a PNG's dimensions (providers report none); lambdas/adapters/images/png-dimensions.ts. */
export type ImageDimensions = (png: Uint8Array) => { width: number; height: number };
