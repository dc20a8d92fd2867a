/** The worker's PNG size reader must agree with image-size, which it replaced there. */
import fc from 'fast-check';
import { imageSize } from 'image-size';
import { pngDimensions } from '../../../lambdas/adapters/images/png-dimensions';
import { paintPng } from '../../../lambdas/adapters/images/local-painter';
import { jpegOf, pngOf, testPattern } from './image-fixtures';

describe('pngDimensions', () => {
  it('reads the size image-size reads, for PNGs of any shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), (width, height) => {
        const png = pngOf(testPattern(width, height));
        const { width: w, height: h } = imageSize(png);
        expect(pngDimensions(png)).toEqual({ width: w, height: h });
        expect(pngDimensions(png)).toEqual({ width, height });
      }),
      { numRuns: 30 },
    );
  });

  it('reads the painter output and a PNG inside a larger buffer', () => {
    const painted = paintPng({ prompt: 'a lighthouse', seed: 1, width: 96, height: 40 });
    const padded = new Uint8Array(painted.length + 16);
    padded.set(painted, 16);
    expect(pngDimensions(painted)).toEqual({ width: 96, height: 40 });
    expect(pngDimensions(padded.subarray(16))).toEqual({ width: 96, height: 40 });
  });

  it('refuses what is not a PNG', () => {
    expect(() => pngDimensions(jpegOf(testPattern(8, 8)))).toThrow(TypeError);
    expect(() => pngDimensions(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(TypeError);
    const noHeader = Uint8Array.from(pngOf(testPattern(2, 2)));
    noHeader[12] = 0x41; // the first chunk is no longer IHDR
    expect(() => pngDimensions(noHeader)).toThrow(TypeError);
  });
});
