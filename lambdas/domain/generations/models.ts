/**
 * The model registry: every image model a person can pick, what it costs in credits and what it
 * can do. One list, read by the API (validation, GET /v1/models, pricing), the worker (which
 * provider model to call) and the CDK app (IAM is scoped to exactly these Bedrock model ARNs).
 * Plain data: no AWS types, safe to import anywhere.
 *
 * Stability models only: Amazon Titan Image v2 and Nova Canvas reach end-of-life in 2026
 * (CONTRACTS.md §0.1) and must not be offered. Costs follow the published per-image prices
 * (roughly $0.04 Core, $0.08 SD3.5 Large, $0.14 Ultra) at about $0.04 per credit.
 */

/** Aspect ratios the Stability models accept (CONTRACTS.md §1.4). */
export const aspectRatios = ['1:1', '16:9', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'] as const;
export type AspectRatio = (typeof aspectRatios)[number];

export interface ModelDefinition {
  /** Pictor's stable public id; clients send it. */
  readonly id: string;
  readonly name: string;
  /** The Bedrock model id InvokeModel is called with. */
  readonly bedrockModelId: string;
  /** Credits debited per generation (one image). */
  readonly credits: number;
  readonly aspectRatios: readonly AspectRatio[];
  /** Whether a reference image may be sent (Stability `mode: image-to-image`). */
  readonly imageToImage: boolean;
}

export const models: readonly ModelDefinition[] = [
  {
    id: 'stable-image-core',
    name: 'Stable Image Core',
    bedrockModelId: 'stability.stable-image-core-v1:1',
    credits: 1,
    aspectRatios,
    // Core is text-to-image only (CONTRACTS.md §1.4).
    imageToImage: false,
  },
  {
    id: 'sd3-5-large',
    name: 'Stable Diffusion 3.5 Large',
    bedrockModelId: 'stability.sd3-5-large-v1:0',
    credits: 2,
    aspectRatios,
    // Documented on Bedrock: mode=image-to-image with image and strength (CONTRACTS.md §1.4).
    imageToImage: true,
  },
  {
    id: 'stable-image-ultra',
    name: 'Stable Image Ultra',
    bedrockModelId: 'stability.stable-image-ultra-v1:1',
    credits: 4,
    aspectRatios,
    // Image input on Ultra is documented for Stability's own API only, UNVERIFIED on Bedrock:
    // not offered until checked against a deployed stage.
    imageToImage: false,
  },
];

export const defaultModelId = 'stable-image-core';

export function findModel(id: string): ModelDefinition | undefined {
  return models.find((model) => model.id === id);
}
