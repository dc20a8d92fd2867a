import { PermanentModelError, TransientModelError } from '../../../lambdas/domain/generations/image-model-errors';
import type { ImageOutcome, ImageRequest } from '../../../lambdas/domain/generations/ports';
import { aspectRatios, findModel } from '../../../lambdas/domain/generations/models';
import { localImageDimensions, localImageModel } from '../../../lambdas/adapters/local/local-image-model';
import { decodePng, fractionOfPixelsDiffering, pngOf, type Pixels } from './image-fixtures';

const textToImage = findModel('stable-image-core')!;
const imageToImage = findModel('sd3-5-large')!;
const fox: ImageRequest = { prompt: 'a red fox in a snowy forest', aspectRatio: '1:1', seed: 7 };

async function onlyImage(outcome: Promise<ImageOutcome>) {
  const result = await outcome;
  if (result.kind !== 'images') throw new Error(`expected images, got ${JSON.stringify(result)}`);
  expect(result.images).toHaveLength(1);
  return { ...result.images[0], pixels: decodePng(result.images[0].png) };
}

/** A reference image: left half one colour, right half another. */
function halves(width: number, height: number, left: number[], right: number[]): Pixels {
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) rgba.set([...(p % width < width / 2 ? left : right), 255], p * 4);
  return { width, height, rgba };
}

function pixelAt({ width, rgba }: Pixels, x: number, y: number): number[] {
  return Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 3));
}

describe('localImageModel', () => {
  const model = localImageModel();

  it.each(aspectRatios)('paints %s at its listed size: multiples of 64, about 0.25 MP', async (aspectRatio) => {
    const { width, height } = localImageDimensions[aspectRatio];

    const { pixels } = await onlyImage(model.generate(textToImage, { ...fox, aspectRatio }));

    expect(pixels).toMatchObject({ width, height });
    expect(width % 64).toBe(0);
    expect(height % 64).toBe(0);
    expect(width * height).toBeGreaterThan(512 * 512 * 0.8);
    expect(width * height).toBeLessThan(512 * 512 * 1.2);
    const [w, h] = aspectRatio.split(':').map(Number);
    expect(Math.abs(width / height - w / h) / (w / h)).toBeLessThan(0.1);
  });

  it('reports the seed it used', async () => {
    await expect(onlyImage(model.generate(textToImage, { ...fox, seed: 123456 }))).resolves.toMatchObject({
      seed: 123456,
    });
  });

  it('gives the same image for the same request, and another for another prompt', async () => {
    const first = await onlyImage(model.generate(textToImage, fox));
    const again = await onlyImage(model.generate(textToImage, { ...fox }));
    const whale = await onlyImage(model.generate(textToImage, { ...fox, prompt: 'a whale' }));

    expect(Buffer.from(again.png).equals(Buffer.from(first.png))).toBe(true);
    expect(fractionOfPixelsDiffering(whale.pixels, first.pixels, 8)).toBeGreaterThan(0.5);
  });

  it('takes its sizes from the options', async () => {
    const big = localImageModel({ dimensions: { ...localImageDimensions, '1:1': { width: 1024, height: 1024 } } });

    await expect(onlyImage(big.generate(textToImage, fox))).resolves.toMatchObject({
      pixels: { width: 1024, height: 1024 },
    });
  });

  describe('prompt directives', () => {
    it.each([
      ['[local:block]', 'output_image'],
      ['[local:block-prompt]', 'prompt'],
      ['[local:block-input]', 'input_image'],
    ])('%s blocks with reason %s', async (directive, reason) => {
      await expect(model.generate(textToImage, { ...fox, prompt: `a fox ${directive}` })).resolves.toEqual({
        kind: 'blocked',
        reason,
      });
    });

    it('[local:fail] fails permanently with an inference error', async () => {
      const failing = model.generate(textToImage, { ...fox, prompt: '[local:fail] a fox' });

      await expect(failing).rejects.toBeInstanceOf(PermanentModelError);
      await expect(failing).rejects.toMatchObject({ reason: 'inference_error' });
    });

    it('[local:unavailable] fails transiently, every time', async () => {
      const request = { ...fox, prompt: 'a fox [local:unavailable]' };

      await expect(model.generate(textToImage, request)).rejects.toBeInstanceOf(TransientModelError);
      await expect(model.generate(textToImage, request)).rejects.toBeInstanceOf(TransientModelError);
    });

    it('applies the first directive in precedence order when several are present', async () => {
      const request = { ...fox, prompt: '[local:block] [local:fail] [local:unavailable]' };

      await expect(model.generate(textToImage, request)).rejects.toBeInstanceOf(TransientModelError);
    });

    it('paints an unknown directive like any other text', async () => {
      await expect(
        onlyImage(model.generate(textToImage, { ...fox, prompt: 'a fox [local:explode]' })),
      ).resolves.toMatchObject({
        pixels: { width: 512, height: 512 },
      });
    });
  });

  describe('image-to-image', () => {
    const redBlue = pngOf(halves(100, 50, [255, 0, 0], [0, 0, 255]));

    it('changes the picture according to the reference', async () => {
      const plain = await onlyImage(model.generate(imageToImage, fox));
      const withReference = await onlyImage(
        model.generate(imageToImage, { ...fox, reference: { png: redBlue, strength: 0.5 } }),
      );
      const withOtherReference = await onlyImage(
        model.generate(imageToImage, {
          ...fox,
          reference: { png: pngOf(halves(100, 50, [0, 255, 0], [255, 255, 0])), strength: 0.5 },
        }),
      );

      expect(fractionOfPixelsDiffering(withReference.pixels, plain.pixels, 8)).toBeGreaterThan(0.5);
      expect(fractionOfPixelsDiffering(withReference.pixels, withOtherReference.pixels, 8)).toBeGreaterThan(0.5);
    });

    it('keeps the reference at strength 0, scaled to fill and centred', async () => {
      // A 2:1 reference in a 1:1 frame: the middle half of it fills the frame, red left, blue right.
      const { pixels } = await onlyImage(
        model.generate(imageToImage, { ...fox, reference: { png: redBlue, strength: 0 } }),
      );

      expect(pixels).toMatchObject({ width: 512, height: 512 });
      expect(pixelAt(pixels, 10, 10)).toEqual([255, 0, 0]);
      expect(pixelAt(pixels, 250, 500)).toEqual([255, 0, 0]);
      expect(pixelAt(pixels, 262, 10)).toEqual([0, 0, 255]);
      expect(pixelAt(pixels, 501, 500)).toEqual([0, 0, 255]);
    });

    it('all but ignores the reference at strength 1', async () => {
      const plain = await onlyImage(model.generate(imageToImage, fox));
      const ignored = await onlyImage(
        model.generate(imageToImage, { ...fox, reference: { png: redBlue, strength: 1 } }),
      );

      expect(fractionOfPixelsDiffering(ignored.pixels, plain.pixels)).toBe(0);
    });

    it('refuses a reference for a text-to-image model, as Bedrock would', async () => {
      const request = { ...fox, reference: { png: redBlue, strength: 0.5 } };

      await expect(model.generate(textToImage, request)).rejects.toBeInstanceOf(PermanentModelError);
    });

    it('fails permanently on a reference that is not a PNG', async () => {
      const request = { ...fox, reference: { png: new TextEncoder().encode('not a png'), strength: 0.5 } };

      await expect(model.generate(imageToImage, request)).rejects.toMatchObject({ reason: 'invalid_reference_image' });
    });
  });
});
