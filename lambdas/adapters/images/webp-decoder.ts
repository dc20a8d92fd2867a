/**
 * WebP decoding with libwebp compiled to WebAssembly (@jsquash/webp). esbuild's `file` loader
 * (lib/constructs/lambda-defaults.ts) ships the .wasm beside the bundle and hands us its path;
 * the bytes are read and compiled only when the first WebP arrives, so the other uploads' cold
 * starts never pay for them. jSquash's glue would otherwise look for the file with fetch(),
 * which Node cannot do for file: URLs, so the bytes are handed to it.
 */
import { readFile } from 'node:fs/promises';
import decodeWebp, { init as initWebpDecoder } from '@jsquash/webp/decode';
import webpDecoderWasmPath from '@jsquash/webp/codec/dec/webp_dec.wasm';

export interface DecodedRgba {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major. */
  rgba: Uint8Array;
}

/**
 * Emscripten's `wasmBinary` option hands the glue the module's bytes, so it never tries to fetch
 * them. jSquash's typings list only some Emscripten options, hence the narrowed signature.
 */
const initWithWasmBytes = initWebpDecoder as unknown as (options: { wasmBinary: Uint8Array }) => Promise<void>;

let initialised: Promise<void> | undefined;

/** Reads the .wasm shipped beside this bundle (or, unbundled, wherever the import points). */
async function loadDecoderWasm(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(webpDecoderWasmPath, import.meta.url)));
}

/** Instantiates the decoder once per container; later calls reuse it. A failed start is retried. */
function decoderReady(): Promise<void> {
  initialised ??= loadDecoderWasm()
    .then((wasmBinary) => initWithWasmBytes({ wasmBinary }))
    .catch((error: unknown) => {
      initialised = undefined;
      throw error;
    });
  return initialised;
}

/**
 * The decoder, once libwebp is running. Rejects only when it cannot start (the .wasm missing or
 * not compiling): a fault of the deployment, never of an image.
 */
export async function webpDecoder(): Promise<(bytes: Uint8Array) => Promise<DecodedRgba>> {
  await decoderReady();
  return decodeWebpToRgba;
}

/** Decodes a still WebP; throws on anything libwebp cannot decode. Call after webpDecoder(). */
async function decodeWebpToRgba(bytes: Uint8Array): Promise<DecodedRgba> {
  // A copy of exactly these bytes: `bytes` may be a view into a larger buffer (Node's Buffers
  // often are), and the decoder takes a whole ArrayBuffer.
  const image = await decodeWebp(new Uint8Array(bytes).buffer);
  const { data, width, height } = image as { data: Uint8ClampedArray; width: number; height: number };
  return { width, height, rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
