import { applyExifOrientation } from '../../../lambdas/adapters/images/exif-orientation';

/** A 3x2 image whose pixels are labelled a-f (the label's code in every channel). */
const stored = {
  width: 3,
  height: 2,
  rgba: Uint8Array.from([...'abcdef'].flatMap((label) => Array(4).fill(label.charCodeAt(0)))),
};

function rows({ width, rgba }: { width: number; rgba: Uint8Array }): string[] {
  const labels = [...rgba].filter((_, i) => i % 4 === 0).map((code) => String.fromCharCode(code));
  return Array.from({ length: labels.length / width }, (_, row) =>
    labels.slice(row * width, (row + 1) * width).join(''),
  );
}

describe('applyExifOrientation', () => {
  it.each([
    [1, ['abc', 'def']],
    [2, ['cba', 'fed']],
    [3, ['fed', 'cba']],
    [4, ['def', 'abc']],
    [5, ['ad', 'be', 'cf']],
    [6, ['da', 'eb', 'fc']],
    [7, ['fc', 'eb', 'da']],
    [8, ['cf', 'be', 'ad']],
  ])('turns orientation %i upright', (orientation, expected) => {
    const upright = applyExifOrientation(stored, orientation);

    expect(rows(upright)).toEqual(expected);
    expect(upright.width).toBe(expected[0].length);
    expect(upright.height).toBe(expected.length);
  });

  it.each([undefined, 0, 9])('leaves the image alone for orientation %s', (orientation) => {
    expect(applyExifOrientation(stored, orientation)).toBe(stored);
  });
});
