import fc from 'fast-check';
import { paintPng } from '../../../lambdas/adapters/images/local-painter';
import { decodePng, fractionOfPixelsDiffering } from './image-fixtures';

const fox = { prompt: 'a red fox in a snowy forest at dawn', seed: 42, width: 256, height: 192 };

describe('paintPng', () => {
  it('paints the same bytes for the same prompt and seed', () => {
    expect(Buffer.from(paintPng(fox)).equals(Buffer.from(paintPng({ ...fox })))).toBe(true);
  });

  it('ignores case and spacing differences in the prompt', () => {
    const shouted = paintPng({ ...fox, prompt: '  A RED   fox in a snowy\nforest at dawn ' });

    expect(Buffer.from(shouted).equals(Buffer.from(paintPng(fox)))).toBe(true);
  });

  it('writes a valid PNG of exactly the requested size', () => {
    const image = decodePng(paintPng({ ...fox, width: 320, height: 768 }));

    expect(image).toMatchObject({ width: 320, height: 768 });
  });

  it('paints visibly different pictures for different prompts', () => {
    const whale = decodePng(paintPng({ ...fox, prompt: 'a blue whale under the sea' }));

    // "Visibly": most pixels change by more than a rounding error.
    expect(fractionOfPixelsDiffering(whale, decodePng(paintPng(fox)), 8)).toBeGreaterThan(0.5);
  });

  it('paints a different picture for another seed', () => {
    const other = decodePng(paintPng({ ...fox, seed: 43 }));

    expect(fractionOfPixelsDiffering(other, decodePng(paintPng(fox)), 8)).toBeGreaterThan(0.5);
  });

  it('lets the negative prompt change the picture', () => {
    const other = decodePng(paintPng({ ...fox, negativePrompt: 'blurry' }));

    expect(fractionOfPixelsDiffering(other, decodePng(paintPng(fox)), 8)).toBeGreaterThan(0.5);
  });

  it.each([1, 2, 3, 4, 5])('leans towards a colour the prompt names (seed %i)', (seed) => {
    const meanChannels = (prompt: string) => {
      const { rgba } = decodePng(paintPng({ ...fox, prompt, seed }));
      const sums = [0, 0, 0];
      for (let i = 0; i < rgba.length; i += 4) for (let c = 0; c < 3; c++) sums[c] += rgba[i + c];
      return sums.map((sum) => sum / (rgba.length / 4));
    };
    const [redR, , redB] = meanChannels('a red sunset over hills');
    const [blueR, , blueB] = meanChannels('a blue sunset over hills');

    expect(redR).toBeGreaterThan(redB);
    expect(blueB).toBeGreaterThan(blueR);
  });

  it('paints something for an empty prompt', () => {
    expect(decodePng(paintPng({ ...fox, prompt: '' }))).toMatchObject({ width: 256, height: 192 });
  });

  it('refuses sizes it cannot paint', () => {
    expect(() => paintPng({ ...fox, width: 0 })).toThrow(RangeError);
    expect(() => paintPng({ ...fox, height: 10.5 })).toThrow(RangeError);
    expect(() => paintPng({ ...fox, width: 100_000 })).toThrow(RangeError);
  });

  it('paints a 1024x1024 image in well under the time a request can spare', () => {
    paintPng({ ...fox, width: 64, height: 64 }); // warm-up: the first call compiles the code
    const started = performance.now();

    paintPng({ ...fox, width: 1024, height: 1024 });

    // ~50 ms measured; the bound only catches an accidental slow path (per-pixel allocation...).
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('always writes a decodable PNG of the requested size, whatever the prompt and seed', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.integer({ min: 0, max: 4294967294 }),
        fc.integer({ min: 1, max: 96 }),
        fc.integer({ min: 1, max: 96 }),
        (prompt, seed, width, height) => {
          expect(decodePng(paintPng({ prompt, seed, width, height }))).toMatchObject({ width, height });
        },
      ),
      { numRuns: 150 },
    );
  });
});
