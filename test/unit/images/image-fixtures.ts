/**
 * Builders for test images: real PNGs and JPEGs made with the same libraries the code decodes
 * with, plus the byte surgery the hostile cases need (extra chunks, lying headers, containers).
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { crc32 } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** 4 bytes per pixel. */
  rgba: Uint8Array;
}

/** Gradients and a checker pattern: every row and column differs, so turns and mix-ups show. */
export function testPattern(width: number, height: number, options: { translucent?: boolean } = {}): Pixels {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      rgba[i] = Math.round((x / Math.max(1, width - 1)) * 255);
      rgba[i + 1] = Math.round((y / Math.max(1, height - 1)) * 255);
      rgba[i + 2] = ((x >> 3) + (y >> 3)) % 2 === 0 ? 40 : 210;
      rgba[i + 3] = options.translucent ? 128 + ((x + y) % 128) : 255;
    }
  }
  return { width, height, rgba };
}

export function pngOf({ width, height, rgba }: Pixels): Uint8Array {
  return PNG.sync.write(Object.assign(new PNG(), { width, height, data: Buffer.from(rgba) }));
}

export function decodePng(bytes: Uint8Array): Pixels {
  const { width, height, data } = PNG.sync.read(Buffer.from(bytes));
  return { width, height, rgba: new Uint8Array(data) };
}

/** A baseline JPEG; `exif` becomes an APP1 segment (give it the "Exif\0\0" prefix). */
export function jpegOf(
  { width, height, rgba }: Pixels,
  options: { exif?: Uint8Array; quality?: number } = {},
): Uint8Array {
  const image = { width, height, data: Buffer.from(rgba), exifBuffer: options.exif && Buffer.from(options.exif) };
  return new Uint8Array(jpeg.encode(image, options.quality ?? 95).data);
}

/** A PNG chunk: length, type, data, CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const chunk = Buffer.alloc(4 + typeAndData.length + 4);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 4 + typeAndData.length);
  return chunk;
}

/** The signature (8 bytes) and IHDR (25 bytes) come first in every PNG. */
const END_OF_IHDR = 33;

export function withChunkAfterIhdr(png: Uint8Array, chunk: Uint8Array): Uint8Array {
  return Buffer.concat([png.subarray(0, END_OF_IHDR), chunk, png.subarray(END_OF_IHDR)]);
}

/** Rewrites IHDR's width and height (with a correct CRC), leaving the image data as it was. */
export function withIhdrSize(png: Uint8Array, width: number, height: number): Uint8Array {
  const patched = Buffer.from(png);
  patched.writeUInt32BE(width, 16);
  patched.writeUInt32BE(height, 20);
  patched.writeUInt32BE(crc32(patched.subarray(12, 29)), 29);
  return patched;
}

/** Sets IHDR's interlace byte (with a correct CRC). */
export function withInterlaceFlag(png: Uint8Array): Uint8Array {
  const patched = Buffer.from(png);
  patched[28] = 1;
  patched.writeUInt32BE(crc32(patched.subarray(12, 29)), 29);
  return patched;
}

/**
 * An APP1 Exif payload: a big-endian TIFF header and one IFD holding the Orientation tag and an
 * ImageDescription carrying `text`, the kind of personal detail re-encoding must drop.
 */
export function exifSegment(orientation: number, text: string): Uint8Array {
  const description = Buffer.from(`${text}\0`, 'latin1');
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(2, 8); // two entries
  // Orientation (0x0112): SHORT, one value, stored in the entry.
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  // ImageDescription (0x010e): ASCII, stored after the IFD.
  tiff.writeUInt16BE(0x010e, 22);
  tiff.writeUInt16BE(2, 24);
  tiff.writeUInt32BE(description.length, 26);
  tiff.writeUInt32BE(tiff.length, 30);
  tiff.writeUInt32BE(0, 34); // no next IFD
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, description]);
}

/** A RIFF chunk as WebP uses them: FourCC, little-endian size, data, a pad byte if odd. */
export function riffChunk(fourCc: string, data: Uint8Array): Uint8Array {
  const header = Buffer.alloc(8);
  header.write(fourCc, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
}

export function webpContainer(chunks: readonly Uint8Array[]): Uint8Array {
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
  return Buffer.concat([riffChunk('RIFF', body)]);
}

/** The chunks after "RIFF<size>WEBP", each as its full bytes (header included). */
export function webpChunksOf(webp: Uint8Array): Uint8Array[] {
  const bytes = Buffer.from(webp);
  const chunks: Uint8Array[] = [];
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = bytes.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    chunks.push(bytes.subarray(at, end));
    at = end;
  }
  return chunks;
}

/** VP8X: flags, then canvas width - 1 and height - 1 as 24-bit little-endian numbers. */
export function vp8xChunk(flags: number, width: number, height: number): Uint8Array {
  const data = Buffer.alloc(10);
  data[0] = flags;
  data.writeUIntLE(width - 1, 4, 3);
  data.writeUIntLE(height - 1, 7, 3);
  return riffChunk('VP8X', data);
}

export function containsText(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
}

/** Share of pixels whose colour differs by more than `tolerance` in some channel. */
export function fractionOfPixelsDiffering(a: Pixels, b: Pixels, tolerance = 0): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('different sizes');
  let differing = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    if ([0, 1, 2, 3].some((c) => Math.abs(a.rgba[i + c] - b.rgba[i + c]) > tolerance)) differing++;
  }
  return differing / (a.width * a.height);
}
