/**
 * The synthesized templates without paying for a synth each time: kept in the OS temp dir, keyed
 * by the contents of everything they are built from, so a restart of `npm start` or another test
 * file with unchanged sources reads them back in milliseconds. On a miss, `npm start` synthesizes
 * on a worker thread (while the emulators boot); tests synthesize in process.
 *
 * This module does not import aws-cdk-lib: loading the CDK costs `npm start` seconds it only
 * needs to spend when the sources changed, and then on another thread.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PictorTemplates } from './synth-template';

/** Set in workerData when local/synth-template.ts runs as a worker thread. */
export const synthWorkerMarker = 'pictorSynthesizeStage';

const repoRoot = resolve(__dirname, '..');
/**
 * Everything a template is built from: the CDK code, the handler-side modules it imports, the
 * stage config, the library versions.
 */
const synthInputs = ['lib', 'lambdas', 'cdk.json', 'package-lock.json', 'local/synth-template.ts'];
const cacheDir = join(tmpdir(), 'pictor-synth-cache');
/** Entries kept: one per recently seen version of the sources. */
const cacheEntries = 8;

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** A digest of the stage and every input file's path and contents. */
export function templatesCacheKey(stage: string): string {
  const hash = createHash('sha256').update(`stage:${stage}\n`);
  for (const file of synthInputs.flatMap((input) => filesUnder(resolve(repoRoot, input)))) {
    hash
      .update(`${relative(repoRoot, file)}\n`)
      .update(readFileSync(file))
      .update('\n');
  }
  return `${stage}-${hash.digest('hex').slice(0, 32)}`;
}

function readCache(key: string): PictorTemplates | undefined {
  try {
    return JSON.parse(readFileSync(join(cacheDir, `${key}.json`), 'utf8')) as PictorTemplates;
  } catch {
    return undefined;
  }
}

function writeCache(key: string, templates: PictorTemplates): void {
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed: test files synthesizing at once never read half an entry.
  const partial = join(cacheDir, `${key}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(partial, JSON.stringify(templates));
  renameSync(partial, join(cacheDir, `${key}.json`));
  const entries = readdirSync(cacheDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, mtime: statSync(join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const stale of entries.slice(cacheEntries)) rmSync(join(cacheDir, stale.name), { force: true });
}

/** The templates of `stage` (synthesized in this process on a cache miss). */
export function cachedTemplates(stage = 'dev'): PictorTemplates {
  const key = templatesCacheKey(stage);
  const cached = readCache(key);
  if (cached) return cached;
  // Required here, not imported above: only a miss should load the CDK.
  const { synthesizeTemplates } = require('./synth-template') as typeof import('./synth-template');
  const templates = synthesizeTemplates(stage);
  writeCache(key, templates);
  return templates;
}

/** local/synth-template.ts on a worker thread; it loads TypeScript wherever workers do (tsx, as `npm start` runs). */
export function synthesizeTemplatesInWorker(stage = 'dev'): Promise<PictorTemplates> {
  return new Promise((resolveTemplates, reject) => {
    const worker = new Worker(join(__dirname, 'synth-template.ts'), { workerData: { [synthWorkerMarker]: stage } });
    worker.once('message', (message: { templates?: PictorTemplates; error?: string }) => {
      if (message.templates) resolveTemplates(message.templates);
      else reject(new Error(message.error ?? 'the synth worker answered nothing'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the synth worker exited with code ${code} before answering`)));
  });
}

/** The templates of `stage` (synthesized on a worker thread on a cache miss). */
export async function cachedTemplatesInWorker(stage = 'dev'): Promise<PictorTemplates> {
  const key = templatesCacheKey(stage);
  const cached = readCache(key);
  if (cached) return cached;
  const templates = await synthesizeTemplatesInWorker(stage);
  writeCache(key, templates);
  return templates;
}
