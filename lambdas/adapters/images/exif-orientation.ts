/**
 * Phones store most photos sideways and record how to turn them in the EXIF Orientation tag.
 * Re-encoding drops EXIF (SECURITY F3), so the turn is applied to the pixels first; otherwise
 * every portrait photo would reach the model lying on its side.
 */

export interface RgbaPixels {
  width: number;
  height: number;
  /** 4 bytes per pixel, row-major. */
  rgba: Uint8Array;
}

/**
 * For each EXIF orientation (2-8), which pixel of the stored image (as an index, row-major) lands
 * at (x, y) of the upright one; w and h are the stored image's width and height. 1, or anything
 * outside 2-8, means "already upright".
 */
const sourcePixel: Readonly<Record<number, (x: number, y: number, w: number, h: number) => number>> = {
  2: (x, y, w) => y * w + (w - 1 - x), // mirrored left-right
  3: (x, y, w, h) => (h - 1 - y) * w + (w - 1 - x), // upside down
  4: (x, y, w, h) => (h - 1 - y) * w + x, // mirrored top-bottom
  5: (x, y, w) => x * w + y, // mirrored along the main diagonal
  6: (x, y, w, h) => (h - 1 - x) * w + y, // stored turned 90° anticlockwise: turn it clockwise
  7: (x, y, w, h) => (h - 1 - x) * w + (w - 1 - y), // mirrored along the other diagonal
  8: (x, y, w) => x * w + (w - 1 - y), // stored turned 90° clockwise: turn it anticlockwise
};

export function applyExifOrientation(image: RgbaPixels, orientation: number | undefined): RgbaPixels {
  const source = orientation === undefined ? undefined : sourcePixel[orientation];
  if (!source) return image;
  const { width: w, height: h, rgba } = image;
  const swapsSides = (orientation ?? 1) >= 5;
  const width = swapsSides ? h : w;
  const height = swapsSides ? w : h;
  const upright = new Uint8Array(rgba.length);
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += 4) {
      const s = source(x, y, w, h) * 4;
      upright[o] = rgba[s];
      upright[o + 1] = rgba[s + 1];
      upright[o + 2] = rgba[s + 2];
      upright[o + 3] = rgba[s + 3];
    }
  }
  return { width, height, rgba: upright };
}
