/**
 * Validates a user-uploaded reference image and re-encodes it (SECURITY F3). The bytes are
 * judged by what they are, never by the content type the client claimed:
 *
 * 1. size in bytes, before anything else;
 * 2. format sniffed from the magic bytes; only PNG, JPEG and WebP pass (SVG, GIF, HEIC, text,
 *    anything else is refused);
 * 3. dimensions read from the header (image-size) and refused over the pixel cap BEFORE any
 *    decoder allocates: a 100-byte PNG claiming 50000x50000 costs nothing;
 * 4. a full decode (pngjs behind an exact-size check of its image data, jpeg-js with its own
 *    resolution and memory fences, libwebp); damaged data, or data whose size disagrees with
 *    its header, is refused, never a crash;
 * 5. re-encoded as a fresh PNG from the pixels alone: EXIF (GPS included), text chunks, ICC
 *    profiles and anything hidden after the image (polyglots) are gone. A JPEG's EXIF
 *    orientation is applied to the pixels first, so portrait photos stay upright.
 *
 * The largest images are not cheap: a 4096x3072 JPEG took ~2.7 s and ~600 MB at peak (jpeg-js
 * keeps every 8x8 block as its own Int32Array). The function calling this needs >= 1024 MB, and
 * more memory buys Lambda CPU too.
 */
import jpeg from 'jpeg-js';
import { imageSize } from 'image-size';
import { typeHandlers } from 'image-size/types/index';
import { PNG } from 'pngjs';
import { applyExifOrientation, type RgbaPixels } from './exif-orientation';
import { encodePng, fromRgba } from './png-encoder';
import { checkPngStructure } from './png-structure';

export type ReferenceImageFormat = 'png' | 'jpeg' | 'webp';

export interface NormalizedImage {
  ok: true;
  /** A PNG holding nothing but the pixels, upright. */
  png: Uint8Array;
  width: number;
  height: number;
  sourceFormat: ReferenceImageFormat;
}

export type ImageRejectionCode =
  | 'not_an_image'
  | 'unsupported_image_format'
  | 'image_too_large'
  | 'too_many_pixels'
  | 'corrupt_image';

export interface ImageRejection {
  ok: false;
  code: ImageRejectionCode;
  /** Safe to show the person who uploaded the file. */
  message: string;
}

export interface ReferenceImageLimits {
  maxBytes?: number;
  maxPixels?: number;
}

export const defaultReferenceImageLimits = {
  /** The upload policy's size range ends here too (ARCHITECTURE §7). */
  maxBytes: 10 * 1024 * 1024,
  /**
   * 4096x3072 (12.6 MP): every common phone photo (12 MP, 4032x3024; 12.5 MP, 4080x3072) fits,
   * while the models work at about 1 MP, so more pixels buy nothing but cost: decoding a JPEG
   * takes ~45 bytes of memory per pixel (measured), 4096x4096 would need ~800 MB.
   */
  maxPixels: 4096 * 3072,
} as const;

/**
 * Budget for jpeg-js's own allocation accounting, per pixel: 4 bytes of coefficients and 1 of
 * samples for each of up to 4 components (CMYK), 4 for the colour-converted copy, 4 for the RGBA
 * output (28), and room for blocks padded out to whole MCUs. It only bites when the decoder
 * would allocate more than the header promised.
 */
const JPEG_BYTES_PER_PIXEL = 32;

export async function normalizeReferenceImage(
  bytes: Uint8Array,
  limits: ReferenceImageLimits = {},
): Promise<NormalizedImage | ImageRejection> {
  const { maxBytes, maxPixels } = { ...defaultReferenceImageLimits, ...limits };
  if (bytes.length === 0) return reject('not_an_image', 'The file is empty.');
  if (bytes.length > maxBytes) {
    return reject('image_too_large', `The image is larger than ${formatMegabytes(maxBytes)}.`);
  }
  const format = sniffFormat(bytes);
  if (format === undefined) return refuseUnknown(bytes);

  const header = readHeader(bytes, format);
  if (header === undefined) return corrupt();
  if (header.width * header.height > maxPixels) {
    return reject(
      'too_many_pixels',
      `The image is ${header.width}x${header.height} pixels; the limit is ${formatMegapixels(maxPixels)} megapixels. ` +
        `Please upload a smaller version.`,
    );
  }
  const image = checkStructure(bytes, format);
  if (!('decodable' in image)) return image;

  // Outside the try below: a decoder that cannot start (its .wasm missing, say) is our fault and
  // must surface as a server error, with the upload kept, not blame the file and delete it.
  const decode = await decoderFor[format]();
  let decoded: RgbaPixels;
  try {
    decoded = await decode(image.decodable, maxPixels);
  } catch {
    return corrupt();
  }
  // The decoders allocate from the same header, but a file whose parts disagree is not one to keep.
  if (decoded.width !== header.width || decoded.height !== header.height) return corrupt();

  const upright = format === 'jpeg' ? applyExifOrientation(decoded, header.orientation) : decoded;
  const png = encodePng(fromRgba(upright.width, upright.height, upright.rgba));
  return { ok: true, png, width: upright.width, height: upright.height, sourceFormat: format };
}

function sniffFormat(bytes: Uint8Array): ReferenceImageFormat | undefined {
  const startsWith = (signature: readonly number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'webp'; // RIFF....WEBP
  return undefined;
}

/**
 * Says which format was refused when image-size recognises its signature (HEIC, GIF, SVG, BMP,
 * TIFF...): a person with an iPhone photo learns more from "HEIC" than from "not an image".
 * Only the signature checks run, never image-size's parsers, on bytes already known unwanted.
 */
function refuseUnknown(bytes: Uint8Array): ImageRejection {
  const type = [...typeHandlers].find(([, handler]) => {
    try {
      return handler.validate(bytes);
    } catch {
      return false;
    }
  })?.[0];
  if (type === undefined) {
    return reject('not_an_image', 'The file is not an image. Please upload a PNG, JPEG or WebP image.');
  }
  // Close to an allowed format yet not passing the strict signature check: a damaged file.
  if (type === 'png' || type === 'jpg' || type === 'webp') return corrupt();
  const name = type === 'heif' ? 'HEIC/HEIF' : type.toUpperCase();
  return reject(
    'unsupported_image_format',
    `${name} images are not supported. Please upload a PNG, JPEG or WebP image.`,
  );
}

const imageSizeTypeOf = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;

interface Header {
  width: number;
  height: number;
  orientation?: number;
}

function readHeader(bytes: Uint8Array, format: ReferenceImageFormat): Header | undefined {
  try {
    const { type, width, height, orientation } = imageSize(bytes);
    if (type !== imageSizeTypeOf[format] || !width || !height) return undefined;
    return { width, height, orientation };
  } catch {
    return undefined;
  }
}

/**
 * Format-specific checks before decoding. Returns the bytes the decoder may see, or why not.
 * JPEG needs none here: jpeg-js stops at the end-of-image marker and fences its own memory.
 */
function checkStructure(bytes: Uint8Array, format: ReferenceImageFormat): { decodable: Uint8Array } | ImageRejection {
  if (format === 'png') {
    const structure = checkPngStructure(bytes);
    if (structure.ok) return { decodable: bytes.subarray(0, structure.end) };
    return structure.problem === 'interlaced'
      ? reject(
          'unsupported_image_format',
          'Interlaced PNG images are not supported. Please save the image without interlacing.',
        )
      : corrupt();
  }
  // A VP8X chunk first, with its animation flag set: libwebp's still-image decoder refuses those.
  if (format === 'webp' && String.fromCharCode(...bytes.subarray(12, 16)) === 'VP8X' && (bytes[20] & 0x02) !== 0) {
    return reject('unsupported_image_format', 'Animated WebP images are not supported. Please upload a still image.');
  }
  return { decodable: bytes };
}

type Decoder = (bytes: Uint8Array, maxPixels: number) => Promise<RgbaPixels>;

const decoders: Record<'png' | 'jpeg', Decoder> = {
  png: async (bytes) => {
    const { width, height, data } = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width, height, rgba: data };
  },
  jpeg: async (bytes, maxPixels) => {
    const { width, height, data } = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      // Strict: a scan that does not cover every block is an error, not a picture with holes.
      tolerantDecoding: false,
      // Second fence behind the header check: jpeg-js counts what it allocates as it goes.
      maxResolutionInMP: maxPixels / 1_000_000,
      maxMemoryUsageInMB: Math.ceil((maxPixels * JPEG_BYTES_PER_PIXEL) / 2 ** 20),
    });
    return { width, height, rgba: data };
  },
};

/** Each format's decoder, ready to run. Throws only when the decoder itself cannot start. */
const decoderFor: Record<ReferenceImageFormat, () => Promise<Decoder>> = {
  png: async () => decoders.png,
  jpeg: async () => decoders.jpeg,
  // Loaded on first use: libwebp's wasm is read and compiled only when a WebP arrives.
  webp: async () => (await import('./webp-decoder')).webpDecoder(),
};

function reject(code: ImageRejectionCode, message: string): ImageRejection {
  return { ok: false, code, message };
}

function corrupt(): ImageRejection {
  return reject('corrupt_image', 'The image could not be read; the file may be damaged or incomplete.');
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 2 ** 20) * 10) / 10} MB`;
}

function formatMegapixels(pixels: number): string {
  return (Math.round(pixels / 100_000) / 10).toString();
}
