/**
 * How much memory the generation worker needs, per image provider: a fresh `node` imports the
 * worker's module graph bundled as the stage would deploy it (lambdaBundling plus
 * imageProviderBundling), then runs one image-to-image generation with the largest reference the
 * uploads admit (bench/fixtures/worker-memory-probe.ts). For Bedrock the model's answer comes
 * from a stub transport; the request (the reference as base64 inside JSON, its bytes, the
 * signature's hash) is built for real. Peak RSS is the process's `maxRSS`, what Lambda's
 * "Max Memory Used" reports. The choice of memorySizeMb in lib/workers.ts rests on these numbers
 * (docs/bench.md).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { encodePng } from '../lambdas/adapters/images/png-encoder';
import { esbuildFlagsFrom } from '../lib/constructs/esbuild-options';
import { imageProviderBundling } from '../lib/constructs/lambda-defaults';

export interface WorkerMemory {
  readonly provider: 'bedrock' | 'local';
  readonly rssAfterImportMb: number;
  readonly heapAfterImportMb: number;
  /** Largest over the runs. */
  readonly peakRssMb: number;
  readonly heapPeakSampledMb: number;
  readonly referenceMb: number;
  readonly outputMb: number;
  /** A text-to-image call's own time with the model's answer stubbed (median over the runs). */
  readonly textToImageMs: number;
}

/**
 * The largest reference an upload may become (reference-image.ts: 4096 x 3072), noisy enough to be ~14 MB as PNG (the
 * size issue 10 names).
 */
const reference = { width: 4096, height: 3072, noiseLevels: 5 };
/** Bedrock's answer: one ~1 MP PNG, base64 in JSON; noisy, so larger than a real one. */
const answerImage = { width: 1024, height: 1024, noiseLevels: 64 };

function noisyPng({ width, height, noiseLevels }: typeof reference): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  let seed = 12345;
  for (let i = 0; i < data.length; i++) {
    // A small LCG: reproducible, and fast enough for 37 M bytes.
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = 96 + ((seed >>> 16) % noiseLevels);
  }
  return encodePng({ width, height, channels: 3, data });
}

export async function measureWorkerMemory(scratch: string, runs = 3): Promise<WorkerMemory[]> {
  const dir = path.join(scratch, 'worker-memory');
  mkdirSync(dir, { recursive: true });
  const referencePath = path.join(dir, 'reference.png');
  const answerPath = path.join(dir, 'answer.json');
  writeFileSync(referencePath, noisyPng(reference));
  const answerPng = Buffer.from(noisyPng(answerImage)).toString('base64');
  writeFileSync(answerPath, JSON.stringify({ seeds: [7], finish_reasons: [null], images: [answerPng] }));

  const { options } = esbuildFlagsFrom();
  const results: WorkerMemory[] = [];
  for (const provider of ['bedrock', 'local'] as const) {
    const outfile = path.join(dir, provider, 'index.mjs');
    await build({
      ...options,
      ...imageProviderBundling(provider),
      entryPoints: [path.join(__dirname, 'fixtures', 'worker-memory-probe.ts')],
      outfile,
      logLevel: 'error',
    });
    const samples: Omit<WorkerMemory, 'provider'>[] = [];
    for (let run = 0; run < runs; run++) samples.push(await runProbe(outfile, provider, referencePath, answerPath));
    const max = (pick: (s: (typeof samples)[number]) => number) => Math.max(...samples.map(pick));
    results.push({
      provider,
      rssAfterImportMb: max((s) => s.rssAfterImportMb),
      heapAfterImportMb: max((s) => s.heapAfterImportMb),
      peakRssMb: max((s) => s.peakRssMb),
      heapPeakSampledMb: max((s) => s.heapPeakSampledMb),
      referenceMb: samples[0].referenceMb,
      outputMb: samples[0].outputMb,
      textToImageMs: samples.map((s) => s.textToImageMs).sort((a, b) => a - b)[Math.floor(samples.length / 2)],
    });
  }
  return results;
}

function runProbe(
  bundle: string,
  provider: 'bedrock' | 'local',
  referencePath: string,
  answerPath: string,
): Promise<Omit<WorkerMemory, 'provider'>> {
  const script =
    `import(${JSON.stringify(pathToFileURL(bundle).href)}).then((m) => ` +
    `m.probe(${JSON.stringify(provider)}, ${JSON.stringify(referencePath)}, ${JSON.stringify(answerPath)}))`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      // Lambda-like: no inherited NODE_OPTIONS, the provider the bundle was built for.
      env: {
        PATH: process.env.PATH,
        IMAGE_PROVIDER: provider,
        AWS_REGION: 'us-west-2',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let report = '';
    let stderr = '';
    child.stdio[3]!.on('data', (chunk) => {
      report += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || !report) reject(new Error(`worker memory probe (${provider}) failed: ${stderr.trim()}`));
      else resolve(JSON.parse(report));
    });
  });
}
