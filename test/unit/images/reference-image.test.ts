/**
 * SECURITY F3: uploaded reference images are judged by their bytes, decoded under caps, and
 * re-encoded so nothing but pixels survives.
 */
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { deflateSync } from 'node:zlib';
import {
  defaultReferenceImageLimits,
  normalizeReferenceImage,
  type NormalizedImage,
} from '../../../lambdas/adapters/images/reference-image';
import {
  containsText,
  decodePng,
  exifSegment,
  fractionOfPixelsDiffering,
  jpegOf,
  pngChunk,
  pngOf,
  riffChunk,
  testPattern,
  vp8xChunk,
  webpChunksOf,
  webpContainer,
  withChunkAfterIhdr,
  withIhdrSize,
  withInterlaceFlag,
} from './image-fixtures';
import { encodeWebp, stopWebpWorker } from './native-webp';

jest.mock('@jsquash/webp/decode', () => jest.requireActual('./native-webp').webpDecodeModule());
jest.mock('@jsquash/webp/codec/dec/webp_dec.wasm', () => jest.requireActual('./native-webp').webpDecoderWasmModule());
afterAll(() => stopWebpWorker());

async function normalized(bytes: Uint8Array): Promise<NormalizedImage> {
  const result = await normalizeReferenceImage(bytes);
  if (!result.ok) throw new Error(`expected a normalized image, got ${result.code}: ${result.message}`);
  return result;
}

describe('accepted formats', () => {
  it('re-encodes a PNG as a PNG with the same size and pixels', async () => {
    const source = testPattern(37, 23);

    const result = await normalized(pngOf(source));

    expect(result).toMatchObject({ sourceFormat: 'png', width: 37, height: 23 });
    expect(fractionOfPixelsDiffering(decodePng(result.png), source)).toBe(0);
  });

  it('keeps transparency when the image has some', async () => {
    const source = testPattern(16, 16, { translucent: true });

    const result = await normalized(pngOf(source));

    expect(fractionOfPixelsDiffering(decodePng(result.png), source)).toBe(0);
  });

  it('turns a JPEG into a PNG of the same size and (near) the same pixels', async () => {
    const source = testPattern(40, 24);

    const result = await normalized(jpegOf(source));

    expect(result).toMatchObject({ sourceFormat: 'jpeg', width: 40, height: 24 });
    const output = decodePng(result.png);
    // JPEG is lossy: compare with a tolerance that a wrong or shifted image would still break.
    expect(fractionOfPixelsDiffering(output, source, 40)).toBeLessThan(0.02);
  });

  it('turns a lossless WebP into a PNG of the same size and pixels', async () => {
    const source = testPattern(33, 17);

    const result = await normalized(await encodeWebp(source, { lossless: true }));

    expect(result).toMatchObject({ sourceFormat: 'webp', width: 33, height: 17 });
    expect(fractionOfPixelsDiffering(decodePng(result.png), source)).toBe(0);
  });

  it('turns a lossy WebP into a PNG of the same size and (near) the same pixels', async () => {
    const source = testPattern(33, 17);

    const result = await normalized(await encodeWebp(source, { quality: 90 }));

    expect(result).toMatchObject({ sourceFormat: 'webp', width: 33, height: 17 });
    expect(fractionOfPixelsDiffering(decodePng(result.png), source, 60)).toBeLessThan(0.05);
  });

  it('keeps a WebP alpha channel', async () => {
    const source = testPattern(12, 12, { translucent: true });

    const result = await normalized(await encodeWebp(source, { lossless: true }));

    expect(fractionOfPixelsDiffering(decodePng(result.png), source)).toBe(0);
  });
});

describe('metadata and hidden payloads are dropped', () => {
  it('drops PNG text chunks', async () => {
    const source = testPattern(8, 8);
    const withText = withChunkAfterIhdr(pngOf(source), pngChunk('tEXt', Buffer.from('Comment\0GPS secret 51.5007N')));
    expect(containsText(withText, 'GPS secret')).toBe(true);

    const result = await normalized(withText);

    expect(containsText(result.png, 'GPS secret')).toBe(false);
    expect(fractionOfPixelsDiffering(decodePng(result.png), source)).toBe(0);
  });

  it('drops a JPEG Exif segment', async () => {
    const withExif = jpegOf(testPattern(16, 16), { exif: exifSegment(1, 'GPS secret 51.5007N') });
    expect(containsText(withExif, 'GPS secret')).toBe(true);

    const result = await normalized(withExif);

    expect(containsText(result.png, 'GPS secret')).toBe(false);
    expect(containsText(result.png, 'Exif')).toBe(false);
  });

  it('drops WebP EXIF chunks', async () => {
    const still = await encodeWebp(testPattern(10, 6), { lossless: true });
    const withExif = webpContainer([
      vp8xChunk(0x08, 10, 6),
      ...webpChunksOf(still),
      riffChunk('EXIF', exifSegment(1, 'GPS secret').subarray(6)),
    ]);
    expect(containsText(withExif, 'GPS secret')).toBe(true);

    const result = await normalized(withExif);

    expect(result).toMatchObject({ width: 10, height: 6 });
    expect(containsText(result.png, 'GPS secret')).toBe(false);
  });

  it('drops whatever follows a PNG image (a PNG/HTML polyglot)', async () => {
    const source = testPattern(8, 8);
    const polyglot = Buffer.concat([
      pngOf(source),
      Buffer.from('<html><script>alert(document.cookie)</script></html>'),
    ]);

    const result = await normalized(polyglot);

    expect(containsText(result.png, '<script>')).toBe(false);
    expect(fractionOfPixelsDiffering(decodePng(result.png), source)).toBe(0);
  });

  it('drops whatever follows a JPEG image', async () => {
    const polyglot = Buffer.concat([jpegOf(testPattern(8, 8)), Buffer.from('<?php system($_GET["c"]); ?>')]);

    const result = await normalized(polyglot);

    expect(containsText(result.png, '<?php')).toBe(false);
  });

  it('applies the JPEG orientation to the pixels before dropping it, so portraits stay upright', async () => {
    // Stored 30 wide and 20 high, with "turn 90° clockwise to view" (orientation 6).
    const stored = testPattern(30, 20);
    const result = await normalized(jpegOf(stored, { exif: exifSegment(6, 'phone') }));

    expect(result).toMatchObject({ width: 20, height: 30 });
    const upright = decodePng(result.png);
    // The stored bottom-left corner (no red, full green) is now the top-left one; JPEG blurs
    // colours a little, not from one corner's to another's.
    const [red, green] = upright.rgba.subarray(0, 2);
    const storedBottomLeft = (19 * 30 + 0) * 4;
    expect(Math.abs(red - stored.rgba[storedBottomLeft])).toBeLessThan(20);
    expect(Math.abs(green - stored.rgba[storedBottomLeft + 1])).toBeLessThan(20);
  });
});

describe('refusals', () => {
  it('refuses empty input', async () => {
    await expect(normalizeReferenceImage(new Uint8Array())).resolves.toMatchObject({ ok: false, code: 'not_an_image' });
  });

  it('refuses text', async () => {
    const text = Buffer.from('Just some text, definitely not an image.\n');

    await expect(normalizeReferenceImage(text)).resolves.toMatchObject({ ok: false, code: 'not_an_image' });
  });

  it('refuses SVG, naming the format', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );

    const result = await normalizeReferenceImage(svg);

    expect(result).toMatchObject({ ok: false, code: 'unsupported_image_format' });
    expect(result.ok || result.message).toMatch(/SVG/);
  });

  it('refuses GIF', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), Buffer.from(';')]);

    await expect(normalizeReferenceImage(gif)).resolves.toMatchObject({
      ok: false,
      code: 'unsupported_image_format',
      message: expect.stringMatching(/GIF/),
    });
  });

  it('refuses HEIC, naming it, since that is what iPhones save', async () => {
    const ftyp = Buffer.alloc(24);
    ftyp.writeUInt32BE(24, 0);
    ftyp.write('ftypheic', 4, 'latin1');
    ftyp.write('mif1heic', 16, 'latin1');

    await expect(normalizeReferenceImage(Buffer.concat([ftyp, Buffer.alloc(64)]))).resolves.toMatchObject({
      ok: false,
      code: 'unsupported_image_format',
      message: expect.stringMatching(/HEIC/),
    });
  });

  it('refuses a file over the byte limit before looking inside', async () => {
    const oversize = new Uint8Array(defaultReferenceImageLimits.maxBytes + 1);
    oversize.set(pngOf(testPattern(4, 4)));

    await expect(normalizeReferenceImage(oversize)).resolves.toMatchObject({ ok: false, code: 'image_too_large' });
  });

  it('honours a lower byte limit', async () => {
    const png = pngOf(testPattern(64, 64));

    await expect(normalizeReferenceImage(png, { maxBytes: png.length - 1 })).resolves.toMatchObject({
      code: 'image_too_large',
    });
    await expect(normalizeReferenceImage(png, { maxBytes: png.length })).resolves.toMatchObject({ ok: true });
  });

  it('refuses a tiny PNG whose header claims 50000x50000 without decoding it', async () => {
    const bomb = withIhdrSize(pngOf(testPattern(4, 4)), 50_000, 50_000);
    const decode = jest.spyOn(PNG.sync, 'read');

    const result = await normalizeReferenceImage(bomb);

    expect(result).toMatchObject({ ok: false, code: 'too_many_pixels' });
    expect(decode).not.toHaveBeenCalled();
    decode.mockRestore();
  });

  it('refuses a JPEG over the pixel cap, and accepts it under a cap it fits', async () => {
    const jpeg = jpegOf(testPattern(64, 48));

    await expect(normalizeReferenceImage(jpeg, { maxPixels: 64 * 48 - 1 })).resolves.toMatchObject({
      code: 'too_many_pixels',
    });
    await expect(normalizeReferenceImage(jpeg, { maxPixels: 64 * 48 })).resolves.toMatchObject({ ok: true });
  });

  it('refuses a WebP over the pixel cap', async () => {
    const webp = await encodeWebp(testPattern(20, 20), { lossless: true });

    await expect(normalizeReferenceImage(webp, { maxPixels: 399 })).resolves.toMatchObject({ code: 'too_many_pixels' });
  });

  it('refuses a PNG with less image data than its header says, rather than filling the gap', async () => {
    // pngjs alone would return this as an 8x8 image padded with uninitialised memory.
    const short = withIhdrSize(pngOf(testPattern(4, 4)), 8, 8);

    await expect(normalizeReferenceImage(short)).resolves.toMatchObject({ ok: false, code: 'corrupt_image' });
  });

  it('refuses a PNG with more image data than its header says', async () => {
    const long = withIhdrSize(pngOf(testPattern(16, 16)), 4, 4);

    await expect(normalizeReferenceImage(long)).resolves.toMatchObject({ ok: false, code: 'corrupt_image' });
  });

  it('refuses a small PNG whose data inflates far beyond its header (a zlib bomb) without decoding it', async () => {
    const bombData = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const header = pngOf(testPattern(16, 16)).subarray(0, 33);
    const bomb = Buffer.concat([header, pngChunk('IDAT', bombData), pngChunk('IEND', new Uint8Array())]);
    expect(bomb.length).toBeLessThan(100_000);
    const decode = jest.spyOn(PNG.sync, 'read');

    const result = await normalizeReferenceImage(bomb);

    expect(result).toMatchObject({ ok: false, code: 'corrupt_image' });
    expect(decode).not.toHaveBeenCalled();
    decode.mockRestore();
  });

  it.each([
    ['PNG', () => pngOf(testPattern(32, 32))],
    ['JPEG', () => jpegOf(testPattern(32, 32))],
  ])('refuses a truncated %s as corrupt', async (_format, make) => {
    const whole = make();

    await expect(normalizeReferenceImage(whole.subarray(0, Math.floor(whole.length / 2)))).resolves.toMatchObject({
      ok: false,
      code: 'corrupt_image',
    });
  });

  it('refuses a truncated WebP as corrupt', async () => {
    const whole = await encodeWebp(testPattern(32, 32), { quality: 90 });

    await expect(normalizeReferenceImage(whole.subarray(0, Math.floor(whole.length / 2)))).resolves.toMatchObject({
      ok: false,
      code: 'corrupt_image',
    });
  });

  it('refuses interlaced PNGs, whose inflation pngjs does not cap', async () => {
    await expect(normalizeReferenceImage(withInterlaceFlag(pngOf(testPattern(8, 8))))).resolves.toMatchObject({
      ok: false,
      code: 'unsupported_image_format',
    });
  });

  it('refuses animated WebP', async () => {
    const frame = webpChunksOf(await encodeWebp(testPattern(8, 8), { lossless: true }))[0];
    const anmf = (x: number) => {
      const header = Buffer.alloc(16);
      header.writeUIntLE(x / 2, 0, 3); // frame X / 2
      header.writeUIntLE(7, 6, 3); // width - 1
      header.writeUIntLE(7, 9, 3); // height - 1
      header.writeUIntLE(100, 12, 3); // duration, ms
      return riffChunk('ANMF', Buffer.concat([header, frame]));
    };
    const animated = webpContainer([vp8xChunk(0x02, 16, 8), riffChunk('ANIM', Buffer.alloc(6)), anmf(0), anmf(8)]);

    await expect(normalizeReferenceImage(animated)).resolves.toMatchObject({
      ok: false,
      code: 'unsupported_image_format',
      message: expect.stringMatching(/Animated/),
    });
  });

  it('gives every refusal a message meant for people', async () => {
    const result = await normalizeReferenceImage(Buffer.from('%PDF-1.7\n'));

    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^[A-Z].*\.$/) });
  });
});

describe('hostile input never crashes', () => {
  const refusalOrImage = (result: Awaited<ReturnType<typeof normalizeReferenceImage>>) =>
    result.ok ? result.png.length > 0 : typeof result.code === 'string' && result.message.length > 0;

  it('answers random bytes with a refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const result = await normalizeReferenceImage(bytes);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('answers random bytes behind a real signature with a refusal or an image', async () => {
    const signatures = [
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 1024 }), async (signature, rest) => {
        expect(refusalOrImage(await normalizeReferenceImage(Buffer.concat([signature, rest])))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('answers damaged real images (bytes overwritten) with a refusal or an image', async () => {
    const originals = [
      pngOf(testPattern(24, 16)),
      jpegOf(testPattern(24, 16)),
      await encodeWebp(testPattern(24, 16), { quality: 80 }),
      await encodeWebp(testPattern(24, 16), { lossless: true }),
    ];
    const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...originals), damage, async (original, edits) => {
        const damaged = Buffer.from(original);
        for (const [at, value] of edits) damaged[at % damaged.length] = value;
        expect(refusalOrImage(await normalizeReferenceImage(damaged))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
