/**
 * The WebP decoder's .wasm ships beside the bundle (esbuild's `file` loader, lambda-defaults.ts)
 * instead of inside it. jest cannot show that the shipped form works (it runs the sources, with
 * the wasm import mapped), so this builds the reference-image normalizer with the Lambdas' own
 * esbuild flags into a folder with no node_modules above it and runs it in a plain `node`
 * started elsewhere: the decoder must find its .wasm next to the bundle, as in Lambda's
 * /var/task, whatever the working directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { esbuildFlagsFrom } from '../../lib/constructs/esbuild-options';
import { testPattern } from '../unit/images/image-fixtures';
import { encodeWebp, stopWebpWorker } from '../unit/images/native-webp';

const repoRoot = resolve(__dirname, '../..');
let workDir: string;
let bundleDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'pictor-webp-bundle-'));
  bundleDir = join(workDir, 'asset');
  const { options, outFileName } = esbuildFlagsFrom();
  await build({
    ...options,
    entryPoints: [join(repoRoot, 'test/fixtures/bundles/normalize-file.ts')],
    outfile: join(bundleDir, outFileName),
    absWorkingDir: repoRoot,
    logLevel: 'silent',
  });
});

afterAll(() => {
  stopWebpWorker();
  rmSync(workDir, { recursive: true, force: true });
});

function hasNodeModulesAbove(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) return true;
    if (dirname(at) === at) return false;
  }
}

function runBundle(imagePath: string): unknown {
  const stdout = execFileSync(process.execPath, [join(bundleDir, 'index.mjs'), imagePath], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

it('ships the .wasm as its own file beside the bundle, not inside it', () => {
  const files = readdirSync(bundleDir);
  const wasmFiles = files.filter((f) => f.endsWith('.wasm'));
  expect(wasmFiles).toHaveLength(1);
  expect(readFileSync(join(bundleDir, wasmFiles[0]!)).subarray(0, 4)).toEqual(Buffer.from('\0asm'));
  // "AGFzbQ" is base64 for "\0asm", the first bytes of any wasm module: an embedded copy would show it.
  expect(readFileSync(join(bundleDir, 'index.mjs'), 'utf8')).not.toContain('AGFzbQ');
});

it('decodes a WebP from a folder with no node_modules, run from another working directory', async () => {
  expect(hasNodeModulesAbove(bundleDir)).toBe(false);
  const imagePath = join(workDir, 'photo.webp');
  writeFileSync(imagePath, await encodeWebp(testPattern(24, 16)));
  expect(runBundle(imagePath)).toEqual({ ok: true, width: 24, height: 16, sourceFormat: 'webp' });
});

it('still refuses a damaged WebP in the bundled form', async () => {
  const webp = await encodeWebp(testPattern(24, 16));
  const imagePath = join(workDir, 'damaged.webp');
  // The RIFF header and the start of the image data intact, the rest cut off.
  writeFileSync(imagePath, webp.subarray(0, Math.floor(webp.length * 0.6)));
  expect(runBundle(imagePath)).toMatchObject({ ok: false, code: 'corrupt_image' });
});
