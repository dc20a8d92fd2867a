/**
 * `npm run bench`: P1 (bundle size), P2 (cold import) and P3 (import + first invocation) of
 * every Pictor Lambda, from the bundles `cdk synth` really produces, against the reference
 * bundle b built and measured in the same run. A report, not a test: it exits 0 when targets
 * are missed, non-zero only when it could not measure (synth failed, a bundle does not import).
 *
 * Environment: BENCH_ROUNDS (default 20), BENCH_STAGE (default dev), BENCH_ASSEMBLY (reuse an
 * existing cloud assembly directory instead of synthesizing), BENCH_P3=0 (import only),
 * BENCH_KEEP=1 (keep the scratch folder). See docs/bench.md.
 */
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { version as esbuildVersion } from 'esbuild';
import { lambdaBundling } from '../lib/constructs/lambda-defaults';
import { routes } from '../lib/routes';
import { scanAssembly, synthesize, SynthUnavailable, type SkippedFunction, type SynthesizedFunction } from './assembly';
import { bundleStats, type BundleStats } from './bundle-stats';
import { createWorkspace, isolate, measureRounds, median, quantile, type Sample, type Subject } from './cold-import';
import { apiGatewayV2Event, lambdaLikeEnvironment } from './events';
import { buildYardsticks } from './reference';
import { startStubBackend } from './stub-backend';
import { kb, ms, ratio, renderTable } from './table';
import { HARD_LIMIT_KB, TARGETS, tierOf } from './targets';

const log = (message: string) => process.stderr.write(`${message}\n`);

function roundsFromEnv(): number {
  const raw = process.env.BENCH_ROUNDS;
  const rounds = raw === undefined ? 20 : Number(raw);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_ROUNDS must be a positive integer, got '${raw}'`);
  if (rounds < 20) log(`note: BENCH_ROUNDS=${rounds} is below the 20 rounds PERFORMANCE.md asks for; fine for a quick look only.`);
  return rounds;
}

interface Timing {
  readonly importMedian: number;
  readonly importP25: number;
  readonly importP75: number;
  readonly firstCallMedian: number | undefined;
  /** Distinct outcomes of the first invocation, e.g. "200" or "500" or "threw: …". */
  readonly outcomes: readonly string[];
}

function timingOf(samples: readonly Sample[]): Timing {
  const imports = samples.map((s) => s.importMs);
  const firstCalls = samples.filter((s) => s.invokeMs !== undefined).map((s) => s.importMs + s.invokeMs!);
  const outcomes = [...new Set(samples.filter((s) => s.invokeMs !== undefined).map((s) => (s.threw ? `threw: ${s.threw}` : String(s.status))))];
  return {
    importMedian: median(imports),
    importP25: quantile(imports, 0.25),
    importP75: quantile(imports, 0.75),
    firstCallMedian: firstCalls.length ? median(firstCalls) : undefined,
    outcomes,
  };
}

async function main(): Promise<number> {
  const rounds = roundsFromEnv();
  const stage = process.env.BENCH_STAGE ?? 'dev';
  const measureFirstCall = process.env.BENCH_P3 !== '0';
  const started = performance.now();
  const nodeMajor = Number(process.versions.node.split('.')[0]);

  console.log('# Pictor bench: P1 bundle size, P2 cold import, P3 import + first invocation\n');
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`node ${process.version} (${process.execPath}), esbuild ${esbuildVersion}, ${cpus().length} CPUs, ${rounds} rounds, load average ${load()}`);
  if (nodeMajor < 22) console.log(`WARNING: running on Node ${process.version}; Lambda runs nodejs22.x. Use \`npm run bench\` (node_modules/.bin/node is Node 22).`);

  const workspace = createWorkspace();
  let exitCode = 0;
  const notes: string[] = [];
  try {
    // --- the bundles ------------------------------------------------------------------------
    const { reference, bare } = await buildYardsticks(path.join(workspace.root, 'build'));

    let functions: SynthesizedFunction[] = [];
    let skipped: SkippedFunction[] = [];
    const reuse = process.env.BENCH_ASSEMBLY;
    const assemblyDir = reuse ? path.resolve(reuse) : path.join(workspace.root, 'cdk.out');
    try {
      if (!reuse) {
        log(`synthesizing: npx cdk synth -c stage=${stage} --quiet -o ${assemblyDir} ...`);
        const t = performance.now();
        await synthesize(assemblyDir, stage);
        log(`synth done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      ({ functions, skipped } = scanAssembly(assemblyDir));
      if (functions.length === 0) notes.push(`The cloud assembly in ${assemblyDir} has no project Lambda functions.`);
    } catch (error) {
      if (error instanceof SynthUnavailable) {
        notes.push(`No real bundles measured: ${error.message}. Only b and a were measured; run again once the stacks exist.`);
      } else {
        exitCode = 1;
        const what = reuse ? `reading the cloud assembly in ${assemblyDir} failed` : 'cdk synth failed';
        notes.push(`No real bundles measured: ${what} (exit code 1 for this run).\n${(error as Error).message}`);
      }
    }
    const order = (f: SynthesizedFunction) => (f.routeId ? routes.findIndex((r) => r.id === f.routeId) : routes.length);
    functions.sort((x, y) => order(x) - order(y) || x.label.localeCompare(y.label));
    if (functions.length > 0) {
      const missing = routes.filter((r) => !functions.some((f) => f.routeId === r.id));
      if (missing.length) notes.push(`Routes with no Lambda in the assembly: ${missing.map((r) => r.id).join(', ')}.`);
      const dupes = routes.filter((r) => functions.filter((f) => f.routeId === r.id).length > 1);
      if (dupes.length) notes.push(`Routes matched by more than one Lambda: ${dupes.map((r) => r.id).join(', ')} (see construct paths).`);
    }

    const stats = new Map<string, BundleStats>();
    stats.set('reference', bundleStats(path.join(reference.assetDir, reference.bundleFileName)));
    stats.set('bare', bundleStats(path.join(bare.assetDir, bare.bundleFileName)));
    functions.forEach((f, i) => stats.set(`fn${i}`, bundleStats(path.join(f.assetDir, f.bundleFileName))));
    // Cheap check that synth used lambdaBundling: its banner must open every bundle.
    const bannerHead = (lambdaBundling as { banner?: string }).banner?.slice(0, 40);
    for (const f of functions) {
      const head = readFileSync(path.join(f.assetDir, f.bundleFileName), 'utf8').slice(0, 400);
      if (bannerHead && !head.includes(bannerHead)) {
        notes.push(`${f.label}: the bundle does not start with lambdaBundling's banner, so it was not built with lambdaBundling's flags; its ratios do not compare like with like.`);
      }
      if (f.matchedBy.includes('says')) notes.push(`${f.label}: ${f.matchedBy}.`);
    }

    // --- cold import and first invocation -------------------------------------------------
    const stub = await startStubBackend();
    const referenceEnv = { ...lambdaLikeEnvironment('bench-reference', stub.url), TABLE_NAME: 'pictor-bench' };
    const plainEvent = measureFirstCall ? {} : undefined;
    const subjects: Subject[] = [
      { key: 'reference', ...reference, environment: referenceEnv, event: plainEvent },
      { key: 'bare', ...bare, environment: lambdaLikeEnvironment('bench-bare', stub.url), event: plainEvent },
    ];
    // The functions run with their template's NODE_OPTIONS (e.g. --enable-source-maps, which
    // makes Node read the .map at load). b under the same options shows how much that costs.
    const nodeOptions = [...new Set(functions.map((f) => f.environment.NODE_OPTIONS).filter((v): v is string => !!v))];
    nodeOptions.forEach((value, i) =>
      subjects.push({
        key: `reference-opts${i}`,
        ...reference,
        label: `b + NODE_OPTIONS=${value}`,
        environment: { ...referenceEnv, NODE_OPTIONS: value },
        event: plainEvent,
      }),
    );
    functions.forEach((f, i) =>
      subjects.push({
        key: `fn${i}`,
        label: f.label,
        assetDir: f.assetDir,
        bundleFileName: f.bundleFileName,
        exportName: f.exportName,
        environment: { ...lambdaLikeEnvironment(f.label, stub.url, f.memorySizeMb), ...f.environment },
        event: measureFirstCall && f.route ? apiGatewayV2Event(f.route) : undefined,
      }),
    );
    const isolated = subjects.map((s) => isolate(workspace, s));
    log(`measuring ${isolated.length} bundles x ${rounds} rounds (+1 warm-up round that also checks each imports with no node_modules) ...`);
    let samples: Map<string, Sample[]>;
    const awsCalls = new Map<string, string[]>();
    try {
      samples = await measureRounds(
        workspace,
        isolated,
        rounds,
        (done, total) => {
          if (done % 5 === 0 || done === total) log(`  round ${done}/${total}`);
        },
        (subject) => awsCalls.set(subject.key, stub.takeRecent()),
      );
    } finally {
      await stub.close();
    }
    const timing = new Map([...samples].map(([key, s]) => [key, timingOf(s)]));
    const ref = timing.get('reference')!;

    // --- the report ------------------------------------------------------------------------
    let within = 0;
    const rows = functions.map((f, i) => {
      const s = stats.get(`fn${i}`)!;
      const t = timing.get(`fn${i}`)!;
      const tier = tierOf(s.serviceClients);
      const target = TARGETS[tier];
      const p1 = s.rawBytes <= target.rawKb * 1000 && s.gzipBytes <= target.gzipKb * 1000 && s.rawBytes <= HARD_LIMIT_KB * 1000;
      const importRatio = t.importMedian / ref.importMedian;
      const p2 = importRatio <= target.importRatio;
      const judgeable = t.firstCallMedian !== undefined && ref.firstCallMedian !== undefined && t.outcomes.every((o) => /^[1-4]\d\d$/.test(o));
      const firstCallRatio = t.firstCallMedian !== undefined && ref.firstCallMedian !== undefined ? t.firstCallMedian / ref.firstCallMedian : Number.NaN;
      const p3 = judgeable ? firstCallRatio <= target.firstCallRatio : undefined;
      const ok = p1 && p2 && p3 !== false;
      if (ok) within++;
      return [
        f.label,
        s.serviceClients.length ? s.serviceClients.join('+') : 'none',
        kb(s.rawBytes),
        kb(s.gzipBytes),
        `≤${target.rawKb}/${target.gzipKb}`,
        p1 ? 'PASS' : 'OVER',
        ratio(importRatio),
        `≤${target.importRatio}`,
        p2 ? 'PASS' : 'OVER',
        ratio(firstCallRatio),
        t.outcomes.join(',') || '-',
        awsCalls.get(`fn${i}`)?.join('+') || '-',
        t.firstCallMedian === undefined ? '-' : `≤${target.firstCallRatio}`,
        p3 === undefined ? (t.firstCallMedian === undefined ? 'skipped' : 'n/a') : p3 ? 'PASS' : 'OVER',
      ];
    });

    console.log(`\n## Per Lambda (medians of ${rounds} interleaved rounds; ratios against b measured in the same rounds)\n`);
    if (rows.length) {
      console.log(
        renderTable(
          ['function', 'clients', 'raw KB', 'gzip KB', 'P1 target', 'P1', 'import ×b', 'P2 target', 'P2', '1st call ×b', 'status', 'AWS calls', 'P3 target', 'P3'],
          rows,
          new Set([2, 3, 6, 9]),
        ),
      );
    } else {
      console.log('(no real bundles: see notes)');
    }

    console.log(`\n## Absolute numbers, this run only (they drift ~30% between runs; compare ratios)\n`);
    // Against b run with the same NODE_OPTIONS: what the bundle itself costs, runtime flags aside.
    const sameOptionsReference = (s: Subject) => {
      const i = nodeOptions.indexOf(s.environment.NODE_OPTIONS ?? '');
      return i >= 0 && !s.key.startsWith('reference') ? timing.get(`reference-opts${i}`)! : undefined;
    };
    const absolute = subjects.map((s) => {
      const st = s.key.startsWith('reference') ? stats.get('reference')! : stats.get(s.key)!;
      const t = timing.get(s.key)!;
      const same = sameOptionsReference(s);
      return [
        s.label,
        kb(st.rawBytes),
        kb(st.gzipBytes),
        ms(t.importMedian),
        `${ms(t.importP25)}–${ms(t.importP75)}`,
        ratio(t.importMedian / ref.importMedian),
        same ? ratio(t.importMedian / same.importMedian) : '-',
        t.firstCallMedian === undefined ? '-' : ms(t.firstCallMedian),
        t.firstCallMedian === undefined || ref.firstCallMedian === undefined ? '-' : ratio(t.firstCallMedian / ref.firstCallMedian),
      ];
    });
    console.log(
      renderTable(
        ['bundle', 'raw KB', 'gzip KB', 'import ms', 'p25–p75', '×b', '×b same NODE_OPTIONS', 'import+1st call ms', '×b'],
        absolute,
        new Set([1, 2, 3, 4, 5, 6, 7, 8]),
      ),
    );

    const heavy = functions.map((f, i) => [f, stats.get(`fn${i}`)!] as const).filter(([, s]) => s.rawBytes > TARGETS[tierOf(s.serviceClients)].rawKb * 1000);
    if (heavy.length) {
      console.log('\n## What the bundles over the P1 size target are made of (from their source maps)\n');
      const refStats = stats.get('reference')!;
      for (const [f, s] of heavy) {
        const top = [...s.bytesByPackage].sort((x, y) => y[1] - x[1]).slice(0, 8);
        console.log(`${f.label} (${kb(s.rawBytes)} KB): ${top.map(([p, n]) => `${p} ${kb(n)}`).join(', ')}`);
      }
      const credentialChain = [...refStats.bytesByPackage].filter(([p]) => /credential-provider|nested-clients|token-providers/.test(p)).reduce((sum, [, n]) => sum + n, 0);
      console.log(
        `\n(For scale: the reference b is ${kb(refStats.rawBytes)} KB with lambdaBundling as it stands; ${kb(credentialChain)} KB of it is the ` +
          `default credential chain: @aws-sdk/credential-provider-*, nested-clients, token-providers.)`,
      );
    }

    const skippedCdk = skipped.filter((s) => s.reason.startsWith('not built from lambdas/'));
    const skippedOther = skipped.filter((s) => !s.reason.startsWith('not built from lambdas/'));
    console.log('\n## Notes\n');
    console.log(`- b = DynamoDB DocumentClient GetCommand handler, a = bare handler, both built by the bench with lambdaBundling's esbuild flags.`);
    console.log(`- Cold import = \`await import()\` of the bundle in a fresh \`node\`, timed inside the child, bundle copied to a folder with no node_modules above it.`);
    console.log(
      measureFirstCall
        ? `- 1st call = import + one invocation with a synthetic API Gateway v2 event (JWT claims included for JWT routes), every AWS endpoint pointed at a local stub that answers empty results; status = the handler's statusCode; AWS calls = the requests that first invocation sent (warm-up round). P3 is only judged when every status was < 500.`
        : `- P3 skipped (BENCH_P3=0).`,
    );
    if (nodeOptions.length) {
      console.log(`- The functions run with their template's NODE_OPTIONS (${nodeOptions.join('; ')}); P2/P3 compare them with plain b, as Lambda would run them. "×b same NODE_OPTIONS" compares with b under the same options: the bundle's own share.`);
    }
    console.log(`- Absolute milliseconds drift by ~30% between runs on these shared VMs; the ratios against b, measured in the same interleaved rounds, are what the targets are about.`);
    if (skippedCdk.length) console.log(`- Not measured, CDK-provided Lambdas: ${skippedCdk.map((s) => s.constructPath).join(', ')}.`);
    for (const s of skippedOther) console.log(`- Not measured: ${s.constructPath}: ${s.reason}.`);
    if (measureFirstCall && stub.operations.size) {
      console.log(`- Requests the stub backend answered (all rounds): ${[...stub.operations].map(([op, n]) => `${op}×${n}`).join(', ')}.`);
    }
    for (const note of notes) console.log(`- ${note}`);
    console.log(`\nbench time ${((performance.now() - started) / 1000).toFixed(0)} s, load average at the end ${load()}`);
    console.log(`${within} of ${functions.length} bundles within targets`);
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept scratch folder ${workspace.root}`);
    else rmSync(workspace.root, { recursive: true, force: true });
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nbench FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.error('(BENCH_KEEP=1 keeps the scratch folder with the bundles for a closer look.)');
    process.exit(1);
  },
);
