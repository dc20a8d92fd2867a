/**
 * The real WebP codec (libwebp in WebAssembly, @jsquash/webp) for jest.
 *
 * jest runs the suites as CommonJS inside its sandbox and cannot load @jsquash/webp, which ships
 * ES modules only (jest loads those natively from Node 24.9; this project runs Node 22). A worker
 * thread is plain Node, outside the sandbox: it imports the real package, and the stand-ins
 * below forward each call to it unchanged. So the code under test calls the real decoder with
 * the real .wasm bytes; only the transport differs. (The bundled form, with the .wasm shipped
 * beside the bundle, is tested outside the sandbox by test/infra/webp-bundle.test.ts.)
 *
 * In a suite:
 *   jest.mock('@jsquash/webp/decode', () => jest.requireActual('./native-webp').webpDecodeModule());
 *   jest.mock('@jsquash/webp/codec/dec/webp_dec.wasm', () =>
 *     jest.requireActual('./native-webp').webpDecoderWasmModule(),
 *   );
 *   afterAll(() => stopWebpWorker());
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const packageDir = dirname(require.resolve('@jsquash/webp/package.json'));

/** Runs in the worker, as CommonJS: import() there is Node's own. */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let decoder;
let encoder;
const calls = {
  async decoderInit(options) {
    decoder = await import(workerData.decodeUrl);
    await decoder.init(options);
  },
  async decode(buffer) {
    const image = await decoder.default(buffer);
    return { data: image.data, width: image.width, height: image.height };
  },
  async encode(rgba, width, height, options) {
    if (!encoder) {
      encoder = await import(workerData.encodeUrl);
      // The package picks its SIMD build where WebAssembly SIMD exists, as it does in Node 22.
      await encoder.init({ wasmBinary: readFileSync(workerData.encoderWasmPath) });
    }
    return new Uint8Array(await encoder.default({ data: rgba, width, height }, options));
  },
};
parentPort.on('message', async ({ id, call, args }) => {
  try {
    parentPort.postMessage({ id, result: await calls[call](...args) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function call<T>(name: string, ...args: unknown[]): Promise<T> {
  if (!worker) {
    worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        decodeUrl: pathToFileURL(join(packageDir, 'decode.js')).href,
        encodeUrl: pathToFileURL(join(packageDir, 'encode.js')).href,
        encoderWasmPath: join(packageDir, 'codec/enc/webp_enc_simd.wasm'),
      },
    });
    worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const waiting = pending.get(id);
      pending.delete(id);
      if (error === undefined) waiting?.resolve(result);
      else waiting?.reject(new Error(error));
    });
  }
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    worker!.postMessage({ id, call: name, args });
  });
}

export async function stopWebpWorker(): Promise<void> {
  await worker?.terminate();
  worker = undefined;
}

/** Stands in for '@jsquash/webp/decode': same exports, same arguments, run in the worker. */
export function webpDecodeModule(): unknown {
  return {
    __esModule: true,
    init: (options: unknown) => call<void>('decoderInit', options),
    default: (buffer: ArrayBuffer) =>
      call<{ data: Uint8ClampedArray; width: number; height: number }>('decode', buffer),
  };
}

/** Stands in for esbuild's `file` loader: where the .wasm file is (absolute here, so any base resolves to it). */
export function webpDecoderWasmModule(): unknown {
  return { __esModule: true, default: join(packageDir, 'codec/dec/webp_dec.wasm') };
}

/** Encodes RGBA pixels as a still WebP with the real libwebp encoder (to make fixtures). */
export function encodeWebp(
  image: { width: number; height: number; rgba: Uint8Array },
  options: { lossless?: boolean; quality?: number } = {},
): Promise<Uint8Array> {
  return call<Uint8Array>('encode', new Uint8Array(image.rgba), image.width, image.height, {
    lossless: options.lossless ? 1 : 0,
    quality: options.quality ?? 80,
  });
}
