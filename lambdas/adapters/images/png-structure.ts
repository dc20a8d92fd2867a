/**
 * What a PNG must pass before pngjs decodes it. pngjs's synchronous inflater reads zlib's
 * progress counters in the wrong order on current Node, and when the image data runs short it
 * returns its whole output buffer anyway: the missing rows come out as uninitialised memory
 * (Buffer.allocUnsafe), which could leak other data from the process into a stored image. So
 * the image data is inflated here first, under a cap, and must produce exactly the number of
 * bytes the header implies; anything else is a damaged or lying file.
 *
 * Walking the chunks also finds where the PNG ends (IEND), so whatever was appended after it
 * (a polyglot's second personality) is never handed to the decoder.
 */
import { inflateSync } from 'node:zlib';

export type PngStructure =
  | { ok: true /** Offset just past the IEND chunk. */; end: number }
  | { ok: false; problem: 'damaged' | 'interlaced' };

/** Samples per pixel for each PNG colour type (grey, RGB, palette, grey+alpha, RGBA). */
const samplesPerPixel: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const SIGNATURE_LENGTH = 8;
/** length (4) + type (4) + CRC (4) around each chunk's data. */
const CHUNK_OVERHEAD = 12;

export function checkPngStructure(bytes: Uint8Array): PngStructure {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const typeAt = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  const imageData: Uint8Array[] = [];
  let header: Uint8Array | undefined;
  let end: number | undefined;

  for (let offset = SIGNATURE_LENGTH; end === undefined; ) {
    if (offset + CHUNK_OVERHEAD > bytes.length) return damaged();
    const length = view.getUint32(offset);
    const type = typeAt(offset + 4);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (offset + CHUNK_OVERHEAD + length > bytes.length) return damaged();
    if (header === undefined && (type !== 'IHDR' || length !== 13)) return damaged();
    if (type === 'IHDR') header ??= data;
    if (type === 'IDAT') imageData.push(data);
    offset += CHUNK_OVERHEAD + length;
    if (type === 'IEND') end = offset;
  }

  if (header === undefined || end === undefined) return damaged();
  const ihdr = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const [width, height, bitDepth, colourType, interlace] = [
    ihdr.getUint32(0),
    ihdr.getUint32(4),
    header[8],
    header[9],
    header[12],
  ];
  const samples = samplesPerPixel[colourType];
  if (samples === undefined || interlace > 1 || imageData.length === 0) return damaged();
  if (interlace === 1) return { ok: false, problem: 'interlaced' };

  // Each row: one filter-type byte, then the packed samples.
  const expected = (Math.ceil((width * samples * bitDepth) / 8) + 1) * height;
  try {
    const inflated = inflateSync(Buffer.concat(imageData), { maxOutputLength: expected });
    if (inflated.length !== expected) return damaged();
  } catch {
    // Invalid deflate data, or more of it than the header allows (a decompression bomb).
    return damaged();
  }
  return { ok: true, end };
}

function damaged(): PngStructure {
  return { ok: false, problem: 'damaged' };
}
