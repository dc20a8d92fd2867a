/**
 * Measures every bundle of a run: static facts (size, clients, bytes per package) and the
 * timings, with the yardsticks and the real functions interleaved in the same rounds so their
 * ratios survive the ~30% drift of these shared VMs. Reports nothing; bench/report.ts does.
 */
import * as path from 'node:path';
import type { SynthesizedFunction } from './assembly';
import { bundleStats, type BundleStats } from './bundle-stats';
import { isolate, measureRounds, median, quantile, type Sample, type Subject, type Workspace } from './cold-import';
import { apiGatewayV2Event, lambdaLikeEnvironment } from './events';
import type { BuiltBundle, Yardsticks } from './reference';
import { startStubBackend } from './stub-backend';

export interface Timing {
  readonly importMedian: number;
  readonly importP25: number;
  readonly importP75: number;
  readonly firstCallMedian: number | undefined;
  /** Median of a second invocation in the same process (ms): the warm call. */
  readonly warmCallMedian: number | undefined;
  /** Distinct outcomes of the first invocation, e.g. "200" or "500" or "threw: …". */
  readonly outcomes: readonly string[];
}

export interface Measured {
  readonly label: string;
  readonly stats: BundleStats;
  readonly timing: Timing;
  /** AWS requests the first invocation of the warm-up round sent, in order. */
  readonly awsCalls: readonly string[];
}

export interface RunMeasurements {
  /** b: lambdaBundling as it stands; every P2/P3 ratio is taken against it. */
  readonly reference: Measured;
  /** b0: b with the credential chain bundled, PERFORMANCE.md's b; informational. */
  readonly referenceWithCredentialChain: Measured;
  readonly bare: Measured;
  /** Same order as the functions passed in. */
  readonly functions: readonly Measured[];
  /** Requests per operation the stub answered over all rounds. */
  readonly stubOperations: ReadonlyMap<string, number>;
}

export interface MeasureOptions {
  readonly rounds: number;
  /** False: import only, no first invocation (BENCH_P3=0). */
  readonly measureFirstCall: boolean;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

export async function measureAll(
  workspace: Workspace,
  yardsticks: Yardsticks,
  functions: readonly SynthesizedFunction[],
  { rounds, measureFirstCall }: MeasureOptions,
): Promise<RunMeasurements> {
  const stub = await startStubBackend();
  // The yardsticks' first call is their GetCommand; they ignore the event, so {} will do.
  const yardstickSubject = (key: string, bundle: BuiltBundle): Subject => ({
    key,
    ...bundle,
    environment: { ...lambdaLikeEnvironment(`bench-${key}`, stub.url), TABLE_NAME: 'pictor-bench' },
    event: measureFirstCall ? {} : undefined,
  });
  const subjects: Subject[] = [
    yardstickSubject('reference', yardsticks.reference),
    yardstickSubject('reference-b0', yardsticks.referenceWithCredentialChain),
    yardstickSubject('bare', yardsticks.bare),
    ...functions.map((f, i) => ({
      key: `fn${i}`,
      label: f.label,
      assetDir: f.assetDir,
      bundleFileName: f.bundleFileName,
      exportName: f.exportName,
      // The template's variables last: the function runs with exactly what it would get in Lambda.
      environment: { ...lambdaLikeEnvironment(f.label, stub.url, f.memorySizeMb), ...f.environment },
      event: measureFirstCall && f.route ? apiGatewayV2Event(f.route) : undefined,
    })),
  ];

  const isolated = subjects.map((s) => isolate(workspace, s));
  log(
    `measuring ${isolated.length} bundles x ${rounds} rounds (+1 warm-up round that also checks each imports with no ` +
      `node_modules) ...`,
  );
  const awsCalls = new Map<string, string[]>();
  let samples: Map<string, Sample[]>;
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

  const measured = (subject: Subject): Measured => ({
    label: subject.label,
    stats: bundleStats(path.join(subject.assetDir, subject.bundleFileName)),
    timing: timingOf(samples.get(subject.key)!),
    awsCalls: awsCalls.get(subject.key) ?? [],
  });
  const [reference, referenceWithCredentialChain, bare, ...real] = subjects.map(measured);
  return {
    reference: reference!,
    referenceWithCredentialChain: referenceWithCredentialChain!,
    bare: bare!,
    functions: real,
    stubOperations: stub.operations,
  };
}

function timingOf(samples: readonly Sample[]): Timing {
  const imports = samples.map((s) => s.importMs);
  const invoked = samples.filter((s) => s.invokeMs !== undefined);
  const warm = samples.filter((s) => s.warmInvokeMs !== undefined);
  return {
    importMedian: median(imports),
    importP25: quantile(imports, 0.25),
    importP75: quantile(imports, 0.75),
    firstCallMedian: invoked.length ? median(invoked.map((s) => s.importMs + s.invokeMs!)) : undefined,
    warmCallMedian: warm.length ? median(warm.map((s) => s.warmInvokeMs!)) : undefined,
    outcomes: [...new Set(invoked.map((s) => (s.threw ? `threw: ${s.threw}` : String(s.status))))],
  };
}
