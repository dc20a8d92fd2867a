/**
 * The generation worker as deployed carries only its stage's image provider: built with the
 * Lambdas' esbuild flags plus imageProviderBundling (what QueueWorker passes), a Bedrock stage's
 * bundle has neither the local painter nor pngjs, and a local stage's has no Bedrock signing of
 * InvokeModel. Without the define (tests, `npm start`) both providers stay. Also that the worker
 * reaches InvokeModel with no Bedrock Runtime client at all.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { esbuildFlagsFrom } from '../../lib/constructs/esbuild-options';
import { imageProviderBundling } from '../../lib/constructs/lambda-defaults';
import { workers } from '../../lib/workers';

const repoRoot = resolve(__dirname, '../..');
const entry = workers.find((worker) => worker.id === 'GenerationWorker')!.entry;

/** The source files and packages the worker's bundle is built from. */
async function bundledInputs(provider?: 'bedrock' | 'local'): Promise<string[]> {
  const { options } = esbuildFlagsFrom();
  const result = await build({
    ...options,
    ...(provider ? imageProviderBundling(provider) : {}),
    entryPoints: [resolve(repoRoot, entry)],
    outfile: resolve(repoRoot, '.local/worker-bundle-test/index.mjs'),
    absWorkingDir: repoRoot,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((each) => each.entryPoint !== undefined)!;
  return Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
}

const painter = (inputs: string[]) =>
  inputs.filter((path) => /local-painter|local-image-model|node_modules\/pngjs\//.test(path));
const signedInvoke = (inputs: string[]) => inputs.filter((path) => path.endsWith('signed-invoke-model.ts'));

describe('the generation worker bundle', () => {
  it('leaves the local painter and pngjs out of a Bedrock stage', async () => {
    const inputs = await bundledInputs('bedrock');

    expect(painter(inputs)).toEqual([]);
    expect(signedInvoke(inputs)).toHaveLength(1);
  }, 60_000);

  it('leaves the signed InvokeModel out of a local-painter stage', async () => {
    const inputs = await bundledInputs('local');

    expect(signedInvoke(inputs)).toEqual([]);
    expect(painter(inputs).length).toBeGreaterThan(0);
  }, 60_000);

  it('keeps both without the define, as the tests and npm start run it', async () => {
    const inputs = await bundledInputs();

    expect(signedInvoke(inputs)).toHaveLength(1);
    expect(painter(inputs).length).toBeGreaterThan(0);
  }, 60_000);

  it('carries no Bedrock Runtime client', async () => {
    const inputs = await bundledInputs('bedrock');

    expect(inputs.filter((path) => path.includes('client-bedrock-runtime'))).toEqual([]);
  }, 60_000);
});
