/**
 * `npm run bench`: P1 (bundle size), P2 (cold import) and P3 (import + first invocation) of
 * every Pictor Lambda, from the bundles `cdk synth` really produces, against the reference
 * bundle b built and measured in the same run; then the generation worker's memory and the cost
 * model (P10, bench/cost/). A report, not a test: it exits 0 when targets
 * are missed, non-zero only when it could not measure (synth failed, a bundle does not import).
 *
 * The pieces: reference.ts builds the yardsticks, real-bundles.ts gets the synthesized
 * functions, measure.ts times them all in interleaved rounds, report.ts prints the verdicts.
 *
 * Environment: BENCH_ROUNDS (default 20), BENCH_STAGE (default dev), BENCH_ASSEMBLY (reuse an
 * existing cloud assembly directory instead of synthesizing), BENCH_P3=0 (import only),
 * BENCH_KEEP=1 (keep the scratch folder). See docs/bench.md.
 */
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { rmSync } from 'node:fs';
import { version as esbuildVersion } from 'esbuild';
import { createWorkspace } from './cold-import';
import { measureAll } from './measure';
import { loadRealBundles } from './real-bundles';
import { buildYardsticks } from './reference';
import { printCostReport } from './cost/report';
import { printReport } from './report';
import { measureWorkerMemory } from './worker-memory';

const log = (message: string) => process.stderr.write(`${message}\n`);
const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function roundsFromEnv(): number {
  const raw = process.env.BENCH_ROUNDS;
  const rounds = raw === undefined ? 20 : Number(raw);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_ROUNDS must be a positive integer, got '${raw}'`);
  if (rounds < 20)
    log(`note: BENCH_ROUNDS=${rounds} is below the 20 rounds PERFORMANCE.md asks for; fine for a quick look only.`);
  return rounds;
}

async function main(): Promise<number> {
  const rounds = roundsFromEnv();
  const measureFirstCall = process.env.BENCH_P3 !== '0';
  const started = performance.now();

  console.log('# Pictor bench: P1 bundle size, P2 cold import, P3 import + first invocation, P10 cost\n');
  console.log(
    `node ${process.version} (${process.execPath}), esbuild ${esbuildVersion}, ${cpus().length} CPUs, ${rounds} ` +
      `rounds, load average ${loadAverage()}`,
  );
  // The children run on process.execPath, so the wrong Node here means every number is off.
  if (Number(process.versions.node.split('.')[0]) < 22) {
    console.log(
      `WARNING: running on Node ${process.version}; Lambda runs nodejs22.x. Use \`npm run bench\` ` +
        `(node_modules/.bin/node is Node 22).`,
    );
  }

  const workspace = createWorkspace();
  try {
    const yardsticks = await buildYardsticks(path.join(workspace.root, 'build'));
    const real = await loadRealBundles(workspace.root, process.env.BENCH_STAGE ?? 'dev', process.env.BENCH_ASSEMBLY);
    const measurements = await measureAll(workspace, yardsticks, real.functions, { rounds, measureFirstCall });
    const within = printReport({ rounds, measureFirstCall, measurements, skipped: real.skipped, notes: real.notes });
    log('measuring the generation worker memory...');
    const memory = await measureWorkerMemory(workspace.root);
    const costWithin = printCostReport(real.functions, measurements.functions, memory);
    console.log(
      `\nbench time ${((performance.now() - started) / 1000).toFixed(0)} s, load average at the end ${loadAverage()}`,
    );
    console.log(
      `${within} of ${real.functions.length} bundles within targets (P1, P2, lean ×b ≤ 1.3, P3 where judged); cost ` +
        `per 1,000 generations ${costWithin ? 'within' : 'OVER'} its target`,
    );
    return real.failed ? 1 : 0;
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept scratch folder ${workspace.root}`);
    else rmSync(workspace.root, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nbench FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.error('(BENCH_KEEP=1 keeps the scratch folder with the bundles for a closer look.)');
    process.exit(1);
  },
);
