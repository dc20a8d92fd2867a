/**
 * Renders a bench run as Markdown on stdout: the per-Lambda verdicts on P1–P3, the absolute
 * numbers behind them, what the oversize bundles are made of, and the notes a reader needs to
 * trust (or distrust) the ratios. Judges against targets.ts; measures nothing itself.
 */
import type { SkippedFunction } from './assembly';
import type { Measured, RunMeasurements } from './measure';
import { kb, ms, ratio, renderTable } from './table';
import { HARD_LIMIT_KB, TARGETS, tierOf } from './targets';

export interface ReportInput {
  readonly rounds: number;
  readonly measureFirstCall: boolean;
  readonly measurements: RunMeasurements;
  readonly skipped: readonly SkippedFunction[];
  /** Findings gathered while loading the bundles. */
  readonly notes: readonly string[];
}

/** Prints the report; returns how many functions met all their judged targets. */
export function printReport(input: ReportInput): number {
  const within = printPerLambda(input);
  printAbsolute(input.measurements);
  printOversizeBreakdown(input.measurements);
  printNotes(input);
  return within;
}

/**
 * P2 and P3 are judged against b0, PERFORMANCE.md's own reference b (DocumentClient GetCommand
 * with the credential chain bundled, 342 KB): its targets are ratios to that build, and its
 * "Bundling settings that reach P1/P2" list leaving the unused credential providers out as one
 * of the ways to meet them. The ratio to the lean b (the same handler with Pictor's flags) is
 * printed beside it: the stricter view, how much the HTTP stack and the use case cost.
 */
function printPerLambda({ rounds, measurements }: ReportInput): number {
  const b = measurements.reference.timing;
  const b0 = measurements.referenceWithCredentialChain.timing;
  let within = 0;
  const rows = measurements.functions.map(({ label, stats: s, timing: t, awsCalls }) => {
    const target = TARGETS[tierOf(s.serviceClients)];
    // The size lines hold the code the runtime parses at start; the 1 MB limit holds the whole package.
    const p1 =
      s.rawBytes <= target.rawKb * 1000 &&
      s.gzipBytes <= target.gzipKb * 1000 &&
      packageBytes(s) <= HARD_LIMIT_KB * 1000;
    const importRatio = t.importMedian / b0.importMedian;
    const p2 = importRatio <= target.importRatio;
    const firstCallRatio =
      t.firstCallMedian !== undefined && b0.firstCallMedian !== undefined
        ? t.firstCallMedian / b0.firstCallMedian
        : Number.NaN;
    // A 5xx first call skipped the real path (or crashed), so its time says nothing about P3.
    const judgeable = Number.isFinite(firstCallRatio) && t.outcomes.every((o) => /^[1-4]\d\d$/.test(o));
    const p3 = judgeable ? firstCallRatio <= target.firstCallRatio : undefined;
    const leanRatio = t.importMedian / b.importMedian;
    const lean = leanRatio <= target.leanImportRatio;
    if (p1 && p2 && lean && p3 !== false) within++;
    return [
      label,
      s.serviceClients.length ? s.serviceClients.join('+') : 'none',
      kb(s.rawBytes),
      kb(s.gzipBytes),
      `≤${target.rawKb}/${target.gzipKb}`,
      p1 ? 'PASS' : 'OVER',
      ratio(importRatio),
      `≤${target.importRatio}`,
      p2 ? 'PASS' : 'OVER',
      ratio(leanRatio),
      `≤${target.leanImportRatio}`,
      lean ? 'PASS' : 'OVER',
      ratio(firstCallRatio),
      t.outcomes.join(',') || '-',
      awsCalls.join('+') || '-',
      t.firstCallMedian === undefined ? '-' : `≤${target.firstCallRatio}`,
      p3 === undefined ? (t.firstCallMedian === undefined ? 'skipped' : 'n/a') : p3 ? 'PASS' : 'OVER',
    ];
  });

  console.log(
    `\n## Per Lambda (medians of ${rounds} interleaved rounds; P2/P3 ratios against b0, PERFORMANCE.md's b, measured ` +
      `in the same rounds)\n`,
  );
  if (rows.length === 0) {
    console.log('(no real bundles: see notes)');
    return 0;
  }
  const header = [
    'function',
    'clients',
    'raw KB',
    'gzip KB',
    'P1 target',
    'P1',
    'import ×b0',
    'P2 target',
    'P2',
    'import ×b (lean)',
    'lean target',
    'lean',
    '1st call ×b0',
    'status',
    'AWS calls',
    'P3 target',
    'P3',
  ];
  console.log(renderTable(header, rows, new Set([2, 3, 6, 9, 12])));
  return within;
}

function printAbsolute(m: RunMeasurements): void {
  const b = m.reference.timing;
  const b0 = m.referenceWithCredentialChain.timing;
  const row = ({ label, stats, timing: t }: Measured) => [
    label,
    kb(stats.rawBytes),
    kb(stats.gzipBytes),
    ms(t.importMedian),
    `${ms(t.importP25)}–${ms(t.importP75)}`,
    ratio(t.importMedian / b.importMedian),
    ratio(t.importMedian / b0.importMedian),
    t.firstCallMedian === undefined ? '-' : ms(t.firstCallMedian),
    t.firstCallMedian === undefined || b.firstCallMedian === undefined
      ? '-'
      : ratio(t.firstCallMedian / b.firstCallMedian),
  ];
  console.log(`\n## Absolute numbers, this run only (they drift ~30% between runs; compare ratios)\n`);
  const rows = [m.reference, m.referenceWithCredentialChain, m.bare, ...m.functions].map(row);
  const header = [
    'bundle',
    'raw KB',
    'gzip KB',
    'import ms',
    'p25–p75',
    'import ×b (lean)',
    'import ×b0',
    'import+1st call ms',
    '1st call ×b (lean)',
  ];
  console.log(renderTable(header, rows, new Set([1, 2, 3, 4, 5, 6, 7, 8])));
}

/** The bundle and the files shipped beside it (source maps aside). */
function packageBytes(s: Measured['stats']): number {
  return s.rawBytes + s.sideFiles.reduce((sum, f) => sum + f.bytes, 0);
}

const CREDENTIAL_CHAIN_PACKAGE = /credential-provider|nested-clients|token-providers/;

function printOversizeBreakdown(m: RunMeasurements): void {
  const oversize = m.functions.filter(({ stats: s }) => s.rawBytes > TARGETS[tierOf(s.serviceClients)].rawKb * 1000);
  if (oversize.length === 0) return;
  console.log('\n## What the bundles over the P1 size target are made of (KB per package, from their source maps)\n');
  for (const { label, stats: s } of oversize) {
    const top = [...s.bytesByPackage].sort((x, y) => y[1] - x[1]).slice(0, 8);
    console.log(`${label} (${kb(s.rawBytes)} KB): ${top.map(([p, n]) => `${p} ${kb(n)}`).join(', ')}`);
  }
  const chainBytes = (x: Measured) =>
    [...x.stats.bytesByPackage].filter(([p]) => CREDENTIAL_CHAIN_PACKAGE.test(p)).reduce((sum, [, n]) => sum + n, 0);
  const b = m.reference.stats;
  const b0 = m.referenceWithCredentialChain;
  console.log(
    `\n(For scale: b is ${kb(b.rawBytes)} KB, with lambdaBundling leaving the unused credential providers external; ` +
      `b0 is ${kb(b0.stats.rawBytes)} KB, ${kb(chainBytes(b0))} KB of it the default credential chain: ` +
      `@aws-sdk/credential-provider-*, nested-clients, token-providers.)`,
  );
}

function printNotes({ measureFirstCall, measurements: m, skipped, notes }: ReportInput): void {
  const cdkProvided = skipped.filter((s) => s.reason.startsWith('not built from lambdas/'));
  const otherSkipped = skipped.filter((s) => !s.reason.startsWith('not built from lambdas/'));
  const lines = [
    `b0 = DynamoDB DocumentClient GetCommand handler built with lambdaBundling's flags but externalModules emptied, ` +
      `so the SDK's default credential chain is bundled: PERFORMANCE.md's reference b (342 KB), the yardstick ` +
      `P2/P3 are judged against. Its "c: b + middy + Powertools logger + aws-jwt-verify" measured 1.08–1.12× of ` +
      `this one.`,
    `b (lean) = the same handler with lambdaBundling's flags as they stand (unused credential providers external). ` +
      `"import ×b (lean)" is judged too (≤ 1.3 for every bundle, issue 10): what the HTTP stack, validation and ` +
      `the use case cost over the SDK client alone.`,
    `a = bare handler, no imports: the loader floor.`,
    `Cold import = \`await import()\` of the bundle in a fresh \`node\`, timed inside the child, bundle copied to a ` +
      `folder with no node_modules above it.`,
    measureFirstCall
      ? `1st call = import + one invocation with a synthetic API Gateway v2 event (JWT claims included for JWT ` +
        `routes), every AWS endpoint pointed at a local stub that answers empty results; status = the handler's ` +
        `statusCode; AWS calls = the requests that first invocation sent (warm-up round). P3 is only judged when ` +
        `every status was < 500.`
      : `P3 skipped (BENCH_P3=0).`,
    `Absolute milliseconds drift by ~30% between runs on these shared VMs; the ratios, measured in the same ` +
      `interleaved rounds, are what the targets are about.`,
  ];
  for (const { label, stats } of m.functions.filter((f) => f.stats.sideFiles.length)) {
    const files = stats.sideFiles.map((f) => `${f.name} ${kb(f.bytes)} KB`).join(', ');
    lines.push(
      `${label} ships ${files} beside its bundle, read only when its code needs it: the package is ` +
        `${kb(packageBytes(stats))} KB ` +
        `(bundle + those files, maps aside), held to the ${HARD_LIMIT_KB} KB limit; the raw/gzip columns and P1's ` +
        `lines are the bundle the runtime parses at start.`,
    );
  }
  if (cdkProvided.length)
    lines.push(`Not measured, CDK-provided Lambdas: ${cdkProvided.map((s) => s.constructPath).join(', ')}.`);
  for (const s of otherSkipped) lines.push(`Not measured: ${s.constructPath}: ${s.reason}.`);
  if (measureFirstCall && m.stubOperations.size) {
    lines.push(
      `Requests the stub backend answered (all rounds): ` +
        `${[...m.stubOperations].map(([op, n]) => `${op}×${n}`).join(', ')}.`,
    );
  }
  console.log('\n## Notes\n');
  for (const line of [...lines, ...notes]) console.log(`- ${line}`);
}
