/**
 * A generation: one prompt in a conversation, paid for in credits, turned into images by a
 * worker. Pure domain code: its states and what a client may ask for; how it is shown is
 * generation-view.ts.
 *
 *   QUEUED ──▶ RUNNING ──▶ SUCCEEDED
 *                 │  ╲───▶ BLOCKED  (content filter; refunded)
 *                 ╰──────▶ FAILED   (permanent error or retries exhausted; refunded)
 *
 * Every transition is conditional on the state it leaves, so a refund (which rides on the
 * transition to BLOCKED or FAILED) happens exactly once however often a worker retries.
 */
import type { BlockReason } from './ports';
import { defaultModelId, type AspectRatio } from './models';

export type GenerationStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'BLOCKED' | 'FAILED';

export const terminalStatuses: readonly GenerationStatus[] = ['SUCCEEDED', 'BLOCKED', 'FAILED'];

/** Largest seed Stability accepts (CONTRACTS.md §1.4); 0 there means "random", so Pictor picks one. */
export const maxSeed = 4_294_967_294;

/** Stability's image-to-image takes one image. */
export const maxReferences = 1;

export interface StoredImage {
  imageId: string;
  objectKey: string;
  width: number;
  height: number;
}

export interface GenerationFailure {
  /** Stable code the app switches on. */
  code: string;
  /** Safe to show. */
  message: string;
}

/** An image taken down by a moderator: when, and the report's reason. */
export interface RemovedImage {
  imageId: string;
  at: string;
  reason: string;
}

/**
 * A generation asked for from a chat (the Telegram bot): the worker sends the finished image, or
 * why there is none and the refund, to that chat (lambdas/domain/telegram/generation-replies.ts).
 */
export interface ChatReply {
  /** The private chat's id (for Telegram, the person's user id). */
  chatId: number;
  /** The bot catalog's language for the reply, as the person's chat had it when they asked. */
  language: string;
  /** Set once the reply was sent (or found undeliverable), so a redelivered job sends nothing more. */
  repliedAt?: string;
}

export interface Generation {
  generationId: string;
  userId: string;
  conversationId: string;
  status: GenerationStatus;
  prompt: string;
  negativePrompt?: string;
  modelId: string;
  aspectRatio: AspectRatio;
  seed: number;
  /** Image-to-image: the validated uploads used, and how far to depart from them (0..1). */
  referenceUploadIds: string[];
  strength?: number;
  /** Credits debited (and refunded on BLOCKED/FAILED). */
  credits: number;
  /** The part of `credits` drawn on the Pro allowance, and that allowance's end: a refund goes back to it. */
  allowanceSpent?: number;
  allowanceExpiresAt?: string;
  /** Ids reserved at creation for the images, so a retried worker writes the same objects. */
  imageIds: string[];
  /** Filled on SUCCEEDED. */
  images: StoredImage[];
  /**
   * The images a moderator took down (their image items carry the same mark): the views show them
   * removed, with the reason, and no URL. Written by the take-down's transaction (moderation).
   */
  removedImages?: RemovedImage[];
  /** Set when a chat asked for it: the worker replies there once it settles. */
  chatReply?: ChatReply;
  /** Worker deliveries so far. */
  attempts: number;
  failure?: GenerationFailure;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/** The request; its schemas (body and Idempotency-Key) are in ./requests.ts. */
export type { GenerationRequest } from './requests';

export const defaultStrength = 0.6;
export { defaultModelId };

/** What the app shows when a generation did not produce an image; the credits come back in every case. */
const blockedMessages: Record<BlockReason, string> = {
  prompt: 'The model’s safety filter declined this prompt. Try rewording it. Your credits were refunded.',
  input_image: 'The model’s safety filter declined the reference image. Try another one. Your credits were refunded.',
  output_image:
    'The model’s safety filter withheld the image it made. Try rewording the prompt. Your credits were refunded.',
};

export function blockedFailure(reason: BlockReason): GenerationFailure {
  return { code: `blocked_${reason}`, message: blockedMessages[reason] };
}

const failureMessages: Record<string, string> = {
  model_unavailable:
    'The image model is unavailable right now. Try again in a few minutes. Your credits were refunded.',
  reference_unavailable: 'The reference image is no longer available. Upload it again. Your credits were refunded.',
  timed_out: 'Making this image took too long and was stopped. Try again. Your credits were refunded.',
};

const defaultFailureMessage =
  'The model could not create this image. Try again or change the prompt. Your credits were refunded.';

export function modelFailure(code: string): GenerationFailure {
  return { code, message: failureMessages[code] ?? defaultFailureMessage };
}
