/**
 * The offline image model, used by `npm start` and the tests: real PNGs painted from the prompt
 * and the seed (../images/local-painter.ts), no network, no AWS.
 *
 * Size: about a quarter of Bedrock's ~1 MP output (512x512 for 1:1), so a local generation
 * takes a few milliseconds; every side is a multiple of 64 and the area stays near 0.25 MP
 * whatever the aspect ratio.
 *
 * Image-to-image: the reference is scaled (nearest neighbour, centred, cropped to fill) to the
 * output size and mixed with the painting by `strength`, as on Stability: 0 keeps the reference,
 * 1 all but ignores it. Like Bedrock, a model without image-to-image refuses a reference.
 *
 * Directives in the prompt let tests and demos reach every outcome. Each one ends the request
 * before anything is painted; when several are present, the first one in this list wins:
 *   [local:unavailable]   throws TransientModelError, every time (throttling, an outage)
 *   [local:fail]          throws PermanentModelError('inference_error', ...)
 *   [local:block-prompt]  { kind: 'blocked', reason: 'prompt' }
 *   [local:block-input]   { kind: 'blocked', reason: 'input_image' }
 *   [local:block]         { kind: 'blocked', reason: 'output_image' }
 * Any other `[local:...]` text is left in the prompt and painted like the rest.
 */
import { PNG } from 'pngjs';
import { PermanentModelError, TransientModelError } from '../../domain/generations/image-model-errors';
import type { ImageModel, ImageOutcome, ImageRequest } from '../../domain/generations/ports';
import type { AspectRatio, ModelDefinition } from '../../domain/generations/models';
import { paintRaster } from '../images/local-painter';
import { encodePng, type RasterImage } from '../images/png-encoder';

export interface ImageDimensions {
  readonly width: number;
  readonly height: number;
}

/** Width x height per aspect ratio: multiples of 64, ~0.25 MP each. */
export const localImageDimensions: Readonly<Record<AspectRatio, ImageDimensions>> = {
  '1:1': { width: 512, height: 512 },
  '16:9': { width: 704, height: 384 },
  '21:9': { width: 768, height: 320 },
  '3:2': { width: 640, height: 448 },
  '2:3': { width: 448, height: 640 },
  '5:4': { width: 576, height: 448 },
  '4:5': { width: 448, height: 576 },
  '9:16': { width: 384, height: 704 },
  '9:21': { width: 320, height: 768 },
};

export interface LocalImageModelOptions {
  /**
   * Output size per aspect ratio.
   * @default localImageDimensions
   */
  readonly dimensions?: Readonly<Record<AspectRatio, ImageDimensions>>;
}

type Directive = 'unavailable' | 'fail' | 'block-prompt' | 'block-input' | 'block';
const directivesByPrecedence: readonly Directive[] = ['unavailable', 'fail', 'block-prompt', 'block-input', 'block'];

export function localImageModel(options: LocalImageModelOptions = {}): ImageModel {
  const dimensions = options.dimensions ?? localImageDimensions;
  return {
    async generate(model: ModelDefinition, request: ImageRequest): Promise<ImageOutcome> {
      const directive = directivesByPrecedence.find((candidate) => request.prompt.includes(`[local:${candidate}]`));
      switch (directive) {
        case 'unavailable':
          throw new TransientModelError('The local model is unavailable ([local:unavailable] in the prompt)');
        case 'fail':
          throw new PermanentModelError('inference_error', 'The local model failed ([local:fail] in the prompt)');
        case 'block-prompt':
          return { kind: 'blocked', reason: 'prompt' };
        case 'block-input':
          return { kind: 'blocked', reason: 'input_image' };
        case 'block':
          return { kind: 'blocked', reason: 'output_image' };
        case undefined:
          break;
      }
      if (request.reference && !model.imageToImage) {
        throw new PermanentModelError('invalid_request', `${model.name} does not take a reference image`);
      }

      const { width, height } = dimensions[request.aspectRatio];
      const painted = paintRaster({
        prompt: request.prompt,
        negativePrompt: request.negativePrompt,
        seed: request.seed,
        width,
        height,
      });
      const image = request.reference ? mixReference(painted, request.reference) : painted;
      // `up` rather than Paeth: painted images compress about as well and encode fast under jest.
      return { kind: 'images', images: [{ png: encodePng(image, { filter: 'up' }), seed: request.seed }] };
    },
  };
}

/** Mixes the reference into the fresh painting, in place: reference x (1 - strength) + painting x strength. */
function mixReference(painted: RasterImage, reference: { png: Uint8Array; strength: number }): RasterImage {
  let decoded: PNG;
  try {
    decoded = PNG.sync.read(Buffer.from(reference.png.buffer, reference.png.byteOffset, reference.png.byteLength));
  } catch (error) {
    // References are validated and re-encoded on upload; one that does not decode is a bug upstream.
    throw new PermanentModelError('invalid_reference_image', 'The reference image could not be read', { cause: error });
  }
  const { width, height, data: mixed } = painted;
  const strength = Math.min(1, Math.max(0, reference.strength));
  // Cover: scale so the reference fills the output, then crop the overflow evenly on both sides.
  const scale = Math.max(width / decoded.width, height / decoded.height);
  const offsetX = (decoded.width * scale - width) / 2;
  const offsetY = (decoded.height * scale - height) / 2;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(decoded.height - 1, Math.floor((y + offsetY) / scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(decoded.width - 1, Math.floor((x + offsetX) / scale));
      const s = (sy * decoded.width + sx) * 4; // pngjs always decodes to RGBA
      const o = (y * width + x) * painted.channels;
      for (let c = 0; c < 3; c++) mixed[o + c] = decoded.data[s + c] * (1 - strength) + mixed[o + c] * strength;
    }
  }
  return painted;
}
