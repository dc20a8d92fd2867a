/**
 * The real Lambda bundles for one bench run: synthesizes the CDK app (or reads the assembly
 * BENCH_ASSEMBLY names), orders the functions as lib/routes/ lists them, and collects what
 * the report must say about them: routes with no Lambda, bundles not built with
 * lambdaBundling's flags (their ratios would compare unlike with like), runtime flags that
 * change what an import costs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lambdaBundling } from '../lib/constructs/lambda-defaults';
import { routes } from '../lib/routes';
import { scanAssembly, type SkippedFunction, type SynthesizedFunction } from './assembly';
import { synthesize, SynthUnavailable } from './synth';

export interface RealBundles {
  readonly functions: SynthesizedFunction[];
  readonly skipped: SkippedFunction[];
  /** Findings for the report's Notes section. */
  readonly notes: string[];
  /** True when the bench could not measure what it was asked to (exit code 1). */
  readonly failed: boolean;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

export async function loadRealBundles(
  scratchRoot: string,
  stage: string,
  reuseAssembly: string | undefined,
): Promise<RealBundles> {
  const notes: string[] = [];
  const assemblyDir = reuseAssembly ? path.resolve(reuseAssembly) : path.join(scratchRoot, 'cdk.out');
  let functions: SynthesizedFunction[] = [];
  let skipped: SkippedFunction[] = [];
  try {
    if (!reuseAssembly) {
      log(`synthesizing: npx cdk synth -c stage=${stage} --quiet -o ${assemblyDir} ...`);
      const t = performance.now();
      await synthesize(assemblyDir, stage);
      log(`synth done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    ({ functions, skipped } = scanAssembly(assemblyDir));
    if (functions.length === 0) notes.push(`The cloud assembly in ${assemblyDir} has no project Lambda functions.`);
  } catch (error) {
    if (error instanceof SynthUnavailable) {
      notes.push(
        `No real bundles measured: ${error.message}. Only the yardsticks were measured; run again once the stacks ` +
          `exist.`,
      );
      return { functions, skipped, notes, failed: false };
    }
    const what = reuseAssembly ? `reading the cloud assembly in ${assemblyDir} failed` : 'cdk synth failed';
    notes.push(`No real bundles measured: ${what} (exit code 1 for this run).\n${(error as Error).message}`);
    return { functions, skipped, notes, failed: true };
  }

  // Route-table order, so the report reads like lib/routes/; non-route Lambdas last.
  const order = (f: SynthesizedFunction) => (f.routeId ? routes.findIndex((r) => r.id === f.routeId) : routes.length);
  functions.sort((x, y) => order(x) - order(y) || x.label.localeCompare(y.label));
  if (functions.length > 0) {
    const missing = routes.filter((r) => !functions.some((f) => f.routeId === r.id));
    if (missing.length) notes.push(`Routes with no Lambda in the assembly: ${missing.map((r) => r.id).join(', ')}.`);
    const dupes = routes.filter((r) => functions.filter((f) => f.routeId === r.id).length > 1);
    if (dupes.length)
      notes.push(`Routes matched by more than one Lambda: ${dupes.map((r) => r.id).join(', ')} (see construct paths).`);
  }

  // Cheap check that synth used lambdaBundling: its banner must open every bundle.
  const bannerHead = (lambdaBundling as { banner?: string }).banner?.slice(0, 40);
  for (const f of functions) {
    const head = readFileSync(path.join(f.assetDir, f.bundleFileName), 'utf8').slice(0, 400);
    if (bannerHead && !head.includes(bannerHead)) {
      notes.push(
        `${f.label}: the bundle does not start with lambdaBundling's banner, so it was not built with ` +
          `lambdaBundling's flags; its ratios do not compare like with like.`,
      );
    }
    if (f.matchedBy.includes('says')) notes.push(`${f.label}: ${f.matchedBy}.`);
    // The children run with the template's environment, as Lambda would, so such a flag's cost
    // is inside the function's ratios while the yardsticks run without it.
    const nodeOptions = f.environment.NODE_OPTIONS;
    if (nodeOptions)
      notes.push(`${f.label} sets NODE_OPTIONS=${nodeOptions}: its timings include that flag's cost, b's do not.`);
  }
  return { functions, skipped, notes, failed: false };
}
