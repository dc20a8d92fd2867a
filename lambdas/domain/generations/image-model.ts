/**
 * The port every image provider implements: Bedrock in AWS, the local painter offline. The
 * worker only sees outcomes and two kinds of error, so the retry and refund rules are written
 * once, whatever the provider.
 */
import type { AspectRatio, ModelDefinition } from './models';

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

export interface ImageModel {
  generate(model: ModelDefinition, request: ImageRequest): Promise<ImageOutcome>;
}

/** Worth trying again later: throttling, timeouts, the provider's 5xx. */
export class TransientModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientModelError';
  }
}

/**
 * Trying again would fail the same way (invalid request, access denied, unknown model, an
 * inference error). The generation fails and is refunded; `reason` is safe to show the user.
 */
export class PermanentModelError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentModelError';
  }
}
