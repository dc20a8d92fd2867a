/**
 * WebP decoding with libwebp compiled to WebAssembly (@jsquash/webp). The .wasm file is embedded
 * in the bundle by esbuild's `binary` loader (lib/constructs/lambda-defaults.ts), so a Lambda
 * is one self-contained .mjs: nothing is fetched or read from disk at run time. jSquash's glue
 * would otherwise look for the file beside the bundle with fetch(), which Node cannot do for
 * file: URLs.
 */
import decodeWebp, { init as initWebpDecoder } from '@jsquash/webp/decode';
import webpDecoderWasm from '@jsquash/webp/codec/dec/webp_dec.wasm';

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

/** Instantiates the decoder once per container; later calls reuse it. */
function decoderReady(): Promise<void> {
  initialised ??= initWithWasmBytes({ wasmBinary: webpDecoderWasm });
  return initialised;
}

/** Decodes a still WebP; throws on anything libwebp cannot decode. */
export async function decodeWebpToRgba(bytes: Uint8Array): Promise<DecodedRgba> {
  await decoderReady();
  // A copy of exactly these bytes: `bytes` may be a view into a larger buffer (Node's Buffers
  // often are), and the decoder takes a whole ArrayBuffer.
  const image = await decodeWebp(new Uint8Array(bytes).buffer);
  const { data, width, height } = image as { data: Uint8ClampedArray; width: number; height: number };
  return { width, height, rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
