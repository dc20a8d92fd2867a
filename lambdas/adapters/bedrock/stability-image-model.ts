/**
 * The Stability models on Bedrock (Stable Image Core, SD3.5 Large, Stable Image Ultra) behind
 * the ImageModel port: one InvokeModel call per generation, JSON in and out, one PNG back
 * (CONTRACTS.md §1.4). Content filters come back as HTTP 200 with a `finish_reasons` entry;
 * failed calls are translated in ./invoke-model-errors.ts. Prompts are never logged (SECURITY
 * H1): this module logs nothing, and no error it raises carries the prompt.
 */
import * as v from 'valibot';
import { PermanentModelError } from '../../domain/generations/image-model-errors';
import type {
  BlockReason,
  GeneratedImage,
  ImageModel,
  ImageOutcome,
  ImageRequest,
} from '../../domain/generations/ports';
import type { AspectRatio, ModelDefinition } from '../../domain/generations/models';
import { plainObject, validate } from '../../shared/validation';
import { invokeModelFailure } from './invoke-model-errors';
import type { InvokeModel, InvokeModelOutput } from './signed-invoke-model';

/** The request body, field for field as the Bedrock model pages name them. */
interface StabilityRequestBody {
  prompt: string;
  negative_prompt?: string;
  /** Documented for all three models (text-to-image is their default); image-to-image for SD3.5 Large. */
  mode: 'text-to-image' | 'image-to-image';
  /** Documented as valid for text-to-image only. */
  aspect_ratio?: AspectRatio;
  /** Image-to-image only: the reference, base64 without a data-URL prefix. */
  image?: string;
  /** Image-to-image only: 0 keeps the reference, 1 all but ignores it. */
  strength?: number;
  seed: number;
  output_format: 'png';
}

/** `invokeModel` is ./signed-invoke-model.ts in the worker; its errors have the SDK's shape. */
export function stabilityImageModel(invokeModel: InvokeModel): ImageModel {
  return {
    async generate(model, request) {
      const body = stabilityRequestBody(model, request);
      let response: InvokeModelOutput;
      try {
        response = await invokeModel({
          modelId: model.bedrockModelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(body),
        });
      } catch (error) {
        const failure = invokeModelFailure(error);
        if (failure instanceof Error) throw failure;
        return failure;
      }
      return readStabilityResponse(response.body, request.seed);
    },
  };
}

function stabilityRequestBody(model: ModelDefinition, request: ImageRequest): StabilityRequestBody {
  const common = {
    prompt: request.prompt,
    // Only when there is one: an empty negative prompt says nothing and is one more field to reject.
    ...(request.negativePrompt ? { negative_prompt: request.negativePrompt } : {}),
    seed: request.seed,
    output_format: 'png' as const,
  };
  if (!request.reference) return { ...common, mode: 'text-to-image', aspect_ratio: request.aspectRatio };

  // Only where the registry says the model takes a reference: on any other model the image
  // would be ignored or rejected, so the generation fails (and is refunded) without a call.
  if (!model.imageToImage) {
    throw new PermanentModelError('image_to_image_unsupported', `${model.id} does not take a reference image`);
  }
  return {
    ...common,
    mode: 'image-to-image',
    image: Buffer.from(request.reference.png).toString('base64'),
    strength: request.reference.strength,
  };
}

/** Every field optional: without plainObject a JSON array would read as an empty answer. */
const stabilityResponse = plainObject(
  v.object({
    images: v.optional(v.array(v.string())),
    finish_reasons: v.optional(v.array(v.nullable(v.string()))),
    // Documented as "(string)", shown as integers: either is accepted.
    seeds: v.optional(v.array(v.union([v.number(), v.string()]))),
  }),
);

/** The filter verdicts Stability reports in `finish_reasons` (CONTRACTS.md §1.4). */
const filterReasons = new Map<string | null, BlockReason>([
  ['Filter reason: prompt', 'prompt'],
  ['Filter reason: output image', 'output_image'],
  ['Filter reason: input image', 'input_image'],
]);

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const maxSeed = 4_294_967_294;

/**
 * Image `i` is usable only when `finish_reasons[i]` is null: a filtered entry is never
 * delivered, whatever bytes came with it. With no usable image, a filter verdict wins over an
 * inference error (it tells the person what to change), and silence is an error of its own.
 */
function readStabilityResponse(body: Uint8Array, requestedSeed: number): ImageOutcome {
  const parsed = validate(stabilityResponse, parseJson(body));
  if (!parsed.success)
    throw new PermanentModelError('unexpected_output', 'Bedrock answered with a body that is not the documented JSON');
  const { images = [], finish_reasons: reasons = [], seeds = [] } = parsed.data;

  const usable: GeneratedImage[] = [];
  images.forEach((base64, index) => {
    if ((reasons[index] ?? null) === null)
      usable.push({ png: pngFrom(base64), seed: reportedSeed(seeds[index], requestedSeed) });
  });
  if (usable.length > 0) return { kind: 'images', images: usable };

  const filtered = reasons.map((reason) => filterReasons.get(reason)).find((reason) => reason !== undefined);
  if (filtered) return { kind: 'blocked', reason: filtered };
  if (reasons.includes('Inference error'))
    throw new PermanentModelError('inference_error', 'the model reported an inference error');
  const unknown = reasons.find((reason) => reason !== null);
  if (unknown !== undefined)
    throw new PermanentModelError('unexpected_output', 'the model reported an undocumented finish reason');
  throw new PermanentModelError('empty_response', 'the model returned no image and no reason');
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

function pngFrom(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  // Buffer.from skips characters that are not base64, so garbage decodes to garbage: the
  // signature check is what catches it (and a JPEG or WebP answer) before it is stored as PNG.
  if (!pngSignature.every((byte, index) => bytes[index] === byte)) {
    throw new PermanentModelError('unexpected_output', 'the model returned an image that is not a PNG');
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The seed the service reports, or the one we sent when the report is missing or unusable. */
function reportedSeed(reported: number | string | undefined, requested: number): number {
  const seed = typeof reported === 'string' && reported.trim() !== '' ? Number(reported) : reported;
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= maxSeed ? seed : requested;
}
