/**
 * Paints a real PNG from a prompt and a seed, for the offline image model: no AI, but an image
 * that plainly belongs to its prompt, so the whole generation flow (and a demo) can run without
 * Bedrock.
 *
 * - Deterministic: every choice comes from SHA-256 of the normalized prompt, negative prompt and
 *   seed, so the same inputs give the same pixels (and, with the same zlib, the same bytes).
 * - Different prompts look different: the hash picks the background gradient, the palette and
 *   where every shape goes. Each word of the prompt adds one shape (3 to 24 in all) whose kind
 *   (circle, band, rectangle) and colour come from that word alone, so prompts sharing words
 *   share some shapes. Colour words ("red", "teal", ...) set the palette's base hue.
 * - The negative prompt only feeds the hash: it changes the picture, it is not "avoided".
 *
 * Cost: one pass over the pixels for the background plus each shape's bounding box; 1024x1024
 * paints and encodes in well under 100 ms.
 */
import { createHash } from 'node:crypto';
import { encodePng, type RasterImage } from './png-encoder';

export interface PaintInput {
  prompt: string;
  negativePrompt?: string;
  seed: number;
  width: number;
  height: number;
}

/** Large enough for any model's output, small enough that a bad argument cannot exhaust memory. */
const MAX_SIDE = 4096;
const MIN_SHAPES = 3;
const MAX_SHAPES = 24;

/** Hues (degrees) for the colour words a prompt is likely to contain. */
const colourHues: Readonly<Record<string, number>> = {
  red: 0,
  crimson: 350,
  scarlet: 5,
  orange: 28,
  amber: 40,
  gold: 48,
  golden: 48,
  yellow: 55,
  lime: 90,
  green: 125,
  emerald: 145,
  teal: 175,
  cyan: 185,
  turquoise: 175,
  blue: 220,
  azure: 210,
  navy: 230,
  indigo: 255,
  purple: 275,
  violet: 270,
  magenta: 300,
  pink: 330,
  rose: 340,
};

type Rgb = readonly [number, number, number];
type ShapeKind = 'circle' | 'band' | 'rectangle';
const shapeKinds: readonly ShapeKind[] = ['circle', 'band', 'rectangle'];

export function paintPng(input: PaintInput): Uint8Array {
  return encodePng(paintRaster(input), { filter: 'up' });
}

/** The painted pixels (RGB) before encoding: the local model blends references into them. */
export function paintRaster(input: PaintInput): RasterImage {
  const { width, height } = input;
  for (const side of [width, height]) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_SIDE) {
      throw new RangeError(`image sides must be whole numbers from 1 to ${MAX_SIDE}, got ${width}x${height}`);
    }
  }
  const prompt = normalize(input.prompt);
  const random = uniformStream([prompt, normalize(input.negativePrompt ?? ''), String(input.seed)].join('\u0000'));
  const words = prompt.match(/[\p{L}\p{N}]+/gu) ?? [];
  const palette = paletteFor(words, random);
  const canvas: RasterImage = { width, height, channels: 3, data: new Uint8Array(width * height * 3) };

  paintGradient(canvas, palette[0], palette[1], random() * Math.PI * 2);
  const shapeCount = Math.min(MAX_SHAPES, Math.max(MIN_SHAPES, words.length));
  for (let i = 0; i < shapeCount; i++) {
    // A word's shape kind and colour depend on the word only; where it lands depends on the hash.
    // A short prompt's words come round again; the round number keeps those shapes distinct.
    const round = words.length > 0 ? Math.floor(i / words.length) : i;
    const word = words.length > 0 ? words[i % words.length] : '';
    const traits = createHash('sha256')
      .update(round === 0 ? word : `${word}\u0000${round}`)
      .digest();
    const kind = shapeKinds[traits[0] % shapeKinds.length];
    const colour = shade(palette[2 + (traits[1] % (palette.length - 2))], (traits[2] - 128) / 4);
    const opacity = 0.45 + random() * 0.45;
    paintShape(canvas, kind, colour, opacity, random);
  }
  return canvas;
}

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Uniform numbers in [0, 1) drawn from SHA-256 in counter mode: unbounded and reproducible. */
function uniformStream(material: string): () => number {
  let block = 0;
  let bytes = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 4 > bytes.length) {
      bytes = createHash('sha256').update(`${block++}\u0000${material}`).digest();
      offset = 0;
    }
    const value = bytes.readUInt32BE(offset);
    offset += 4;
    return value / 2 ** 32;
  };
}

/** [gradient from, gradient to, ...shape colours], around one base hue. */
function paletteFor(words: readonly string[], random: () => number): Rgb[] {
  const named = words.find((word) => Object.hasOwn(colourHues, word));
  const base = named !== undefined ? colourHues[named] : random() * 360;
  const turn = (degrees: number) => (base + degrees + 360) % 360;
  return [
    hsl(turn(-20), 0.55, 0.18),
    hsl(turn(25), 0.6, 0.62),
    hsl(base, 0.85, 0.55),
    hsl(turn(30), 0.75, 0.6),
    hsl(turn(180), 0.7, 0.5),
    hsl(turn(-40), 0.65, 0.72),
    hsl(turn(150), 0.5, 0.35),
  ];
}

function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - (chroma / 2) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

function shade([r, g, b]: Rgb, amount: number): Rgb {
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v + amount)));
  return [clamp(r), clamp(g), clamp(b)];
}

function paintGradient(canvas: RasterImage, from: Rgb, to: Rgb, angle: number): void {
  const { width, height, data } = canvas;
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  // Project every pixel on the gradient's direction and stretch the projections to 0..1.
  const corners = [0, width * dx, height * dy, width * dx + height * dy];
  const low = Math.min(...corners);
  const span = Math.max(...corners) - low || 1;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) {
      const t = (x * dx + y * dy - low) / span;
      data[i] = from[0] + (to[0] - from[0]) * t;
      data[i + 1] = from[1] + (to[1] - from[1]) * t;
      data[i + 2] = from[2] + (to[2] - from[2]) * t;
    }
  }
}

function paintShape(canvas: RasterImage, kind: ShapeKind, colour: Rgb, opacity: number, random: () => number): void {
  const { width, height } = canvas;
  const scale = Math.min(width, height);
  const blend = spanBlender(canvas, colour, opacity);
  // Geometry is worked out per row or column; the per-pixel work stays in blendSpan.
  if (kind === 'circle') {
    const cx = random() * width;
    const cy = random() * height;
    const radius = scale * (0.05 + random() * 0.3);
    const [top, bottom] = clampedRange(cy - radius, cy + radius, height);
    for (let y = top; y < bottom; y++) {
      const half = Math.sqrt(Math.max(0, radius * radius - (y + 0.5 - cy) ** 2));
      const [left, right] = clampedRange(cx - half, cx + half, width);
      blend(y * width + left, y * width + right, 1);
    }
  } else if (kind === 'band') {
    // A horizontal wave: centre line, thickness, amplitude and wavelength from the hash.
    const centre = random() * height;
    const thickness = scale * (0.03 + random() * 0.12);
    const amplitude = scale * random() * 0.15;
    const frequency = (Math.PI * 2 * (0.5 + random() * 3)) / width;
    const phase = random() * Math.PI * 2;
    for (let x = 0; x < width; x++) {
      const middle = centre + amplitude * Math.sin(x * frequency + phase);
      const [top, bottom] = clampedRange(middle - thickness / 2, middle + thickness / 2, height);
      blend(top * width + x, bottom * width + x, width);
    }
  } else {
    const w = width * (0.1 + random() * 0.4);
    const h = height * (0.1 + random() * 0.4);
    const left = Math.round(random() * (width - w));
    const top = Math.round(random() * (height - h));
    const [, right] = clampedRange(left, left + w, width);
    const [, bottom] = clampedRange(top, top + h, height);
    for (let y = top; y < bottom; y++) blend(y * width + left, y * width + right, 1);
  }
}

/** Rounds [from, to) to whole pixels inside [0, limit). */
function clampedRange(from: number, to: number, limit: number): [number, number] {
  return [Math.max(0, Math.min(limit, Math.round(from))), Math.max(0, Math.min(limit, Math.round(to)))];
}

/**
 * Returns blendSpan(first, end, step): mixes `colour`, at the given opacity, into the pixels
 * first, first + step, ... before end (pixel indices, row-major).
 */
function spanBlender(canvas: RasterImage, colour: Rgb, opacity: number) {
  const { data } = canvas;
  const alpha = Math.round(opacity * 256);
  const [r, g, b] = colour;
  return function blendSpan(first: number, end: number, step: number): void {
    for (let p = first; p < end; p += step) {
      const i = p * 3;
      data[i] += ((r - data[i]) * alpha) >> 8;
      data[i + 1] += ((g - data[i + 1]) * alpha) >> 8;
      data[i + 2] += ((b - data[i + 2]) * alpha) >> 8;
    }
  };
}
