/**
 * Cold import (P2) and import + first invocation (P3), measured the only way that means
 * anything on a shared 2-core VM: a fresh `node` per sample, the timing taken inside the child
 * around `await import()`, all bundles interleaved round-robin in one run, medians compared
 * as ratios to the reference measured in the same rounds.
 *
 * Every bundle is first copied into a scratch folder with no node_modules anywhere above it,
 * so a bundle that still needs a package from disk fails here (loudly) instead of in Lambda.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface Subject {
  /** Unique, filesystem-safe. */
  readonly key: string;
  readonly label: string;
  readonly assetDir: string;
  readonly bundleFileName: string;
  readonly exportName: string;
  /** Variables the function's template sets (plus the Lambda-like base the bench adds). */
  readonly environment: Readonly<Record<string, string>>;
  /** Synthetic event for the first invocation; undefined = import only. */
  readonly event?: unknown;
}

export interface Sample {
  readonly importMs: number;
  readonly invokeMs?: number;
  /** A second invocation with the same event, in the same process: a warm call (the cost model's route time). */
  readonly warmInvokeMs?: number;
  readonly status?: number;
  /** Set when the handler threw instead of returning (the timing is still recorded). */
  readonly threw?: string;
}

interface ProbeReport extends Sample {
  readonly ok: boolean;
  readonly phase?: string;
  readonly error?: string;
}

/**
 * Runs inside each child. Plain ESM so the child loads nothing but Node itself and the bundle.
 * Everything not being measured (argument parsing, reading the event) happens before t0.
 */
const PROBE_SOURCE = `import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [bundlePath, exportName, eventPath, functionName] = process.argv.slice(2);
const url = pathToFileURL(bundlePath).href;
const event = eventPath ? JSON.parse(readFileSync(eventPath, 'utf8')) : undefined;
const send = (report) => { writeSync(3, JSON.stringify(report)); process.exit(report.ok ? 0 : 3); };
let mod;
const t0 = performance.now();
try {
  mod = await import(url);
} catch (error) {
  send({ ok: false, phase: 'import', error: String((error && error.stack) || error) });
}
const importMs = performance.now() - t0;
if (event === undefined) send({ ok: true, importMs });
const handler = mod[exportName];
if (typeof handler !== 'function') {
  send({ ok: false, phase: 'import', error: 'export "' + exportName + '" is not a function' });
}
const started = Date.now();
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:' + functionName,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || '512',
  awsRequestId: 'bench-0000-0000-0000-000000000001',
  logGroupName: '/aws/lambda/' + functionName,
  logStreamName: '2026/01/01/[$LATEST]bench',
  getRemainingTimeInMillis: () => Math.max(0, 10000 - (Date.now() - started)),
  done() {}, fail() {}, succeed() {},
};
const t1 = performance.now();
let response;
try {
  response = await handler(event, context);
} catch (error) {
  send({ ok: true, importMs, invokeMs: performance.now() - t1, threw: String((error && error.message) || error) });
}
const invokeMs = performance.now() - t1;
// Timed after the first call's report is fixed, so P3 is unchanged by it.
const t2 = performance.now();
let warmInvokeMs;
try {
  await handler(event, { ...context, awsRequestId: 'bench-0000-0000-0000-000000000002' });
  warmInvokeMs = performance.now() - t2;
} catch {}
send({ ok: true, importMs, invokeMs, warmInvokeMs, status: response && response.statusCode });
`;

export interface Workspace {
  readonly root: string;
  readonly probe: string;
}

/** A scratch folder under the OS temp dir; refuses to work if a node_modules is above it. */
export function createWorkspace(): Workspace {
  const root = mkdtempSync(path.join(tmpdir(), 'pictor-bench-'));
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) {
      throw new Error(
        `${path.join(dir, 'node_modules')} exists above the bench's scratch folder ${root}: the import test ` +
          `could resolve packages from it and hide a bundle that is not self-contained. Set TMPDIR elsewhere.`,
      );
    }
    if (path.dirname(dir) === dir) break;
  }
  const probe = path.join(root, 'probe.mjs');
  writeFileSync(probe, PROBE_SOURCE);
  return { root, probe };
}

export interface IsolatedSubject extends Subject {
  readonly bundlePath: string;
  readonly eventPath: string;
}

/** Copies the asset folder (bundle + source map, as Lambda gets it) into the workspace. */
export function isolate(workspace: Workspace, subject: Subject): IsolatedSubject {
  const dir = path.join(workspace.root, 'bundles', subject.key);
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(subject.assetDir, dir, { recursive: true });
  let eventPath = '';
  if (subject.event !== undefined) {
    eventPath = path.join(workspace.root, 'events', `${subject.key}.json`);
    mkdirSync(path.dirname(eventPath), { recursive: true });
    writeFileSync(eventPath, JSON.stringify(subject.event));
  }
  return { ...subject, assetDir: dir, bundlePath: path.join(dir, subject.bundleFileName), eventPath };
}

const CHILD_TIMEOUT_MS = 20_000;

/** One fresh process: import the bundle, optionally invoke it once. */
export function runProbe(workspace: Workspace, subject: IsolatedSubject): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [workspace.probe, subject.bundlePath, subject.exportName, subject.eventPath, subject.key],
      {
        cwd: subject.assetDir,
        env: { ...subject.environment },
        // Handler logs go to /dev/null (as cheap as Lambda's log pipe); the report comes on fd 3.
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      },
    );
    const report: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdio[3]!.on('data', (b: Buffer) => report.push(b));
    child.stderr!.on('data', (b: Buffer) => stderr.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const err = Buffer.concat(stderr).toString('utf8').trim();
      const text = Buffer.concat(report).toString('utf8');
      if (!text) {
        reject(
          new Error(
            `${subject.label}: child ` +
              `${signal ? `killed (${signal}, timeout ${CHILD_TIMEOUT_MS} ms)` : `exited ${code}`} without a ` +
              `report${err ? `\n${err}` : ''}`,
          ),
        );
        return;
      }
      const parsed = JSON.parse(text) as ProbeReport;
      if (!parsed.ok) {
        reject(
          new Error(
            `${subject.label}: ${parsed.phase} failed in a folder with no node_modules ` +
              `(${subject.assetDir}):\n${parsed.error}${err ? `\n--- stderr ---\n${err}` : ''}`,
          ),
        );
        return;
      }
      resolve({
        importMs: parsed.importMs,
        invokeMs: parsed.invokeMs,
        warmInvokeMs: parsed.warmInvokeMs,
        status: parsed.status,
        threw: parsed.threw,
      });
    });
  });
}

/**
 * One warm-up round (also the self-containment check: any failure throws), then `rounds`
 * measured rounds, each running every subject once in the given order.
 */
export async function measureRounds(
  workspace: Workspace,
  subjects: readonly IsolatedSubject[],
  rounds: number,
  progress: (done: number, total: number) => void,
  afterWarmUpProbe: (subject: IsolatedSubject) => void = () => {},
): Promise<Map<string, Sample[]>> {
  for (const subject of subjects) {
    await runProbe(workspace, subject);
    afterWarmUpProbe(subject);
  }
  const samples = new Map<string, Sample[]>(subjects.map((s) => [s.key, []]));
  for (let round = 0; round < rounds; round++) {
    for (const subject of subjects) samples.get(subject.key)!.push(await runProbe(workspace, subject));
    progress(round + 1, rounds);
  }
  return samples;
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
