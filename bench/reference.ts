/**
 * The yardsticks of PERFORMANCE.md, built here with the esbuild flags every Pictor Lambda gets
 * (lambdaBundling, translated by lib/constructs/esbuild-options.ts):
 *   b, the reference: a DynamoDB DocumentClient GetCommand handler (bench/fixtures/reference-handler.ts)
 *     with lambdaBundling exactly as it stands. The P2/P3 targets are ratios to this one,
 *     because only the same build flags compare like with like.
 *   b0, the same handler with lambdaBundling's flags but externalModules emptied, so the SDK's
 *     default credential chain is bundled: PERFORMANCE.md's b (342 KB). Its calibration row
 *     ("c: b + middy + Powertools logger + aws-jwt-verify" = 1.08–1.12×) was measured against
 *     this build, so ×b0 is the column to hold against that table. Informational only.
 *   a, the bare handler: no imports at all, the loader floor (bench/fixtures/bare-handler.ts)
 */
import * as path from 'node:path';
import { build } from 'esbuild';
import { esbuildFlagsFrom } from '../lib/constructs/esbuild-options';
import { lambdaBundling } from '../lib/constructs/lambda-defaults';

export interface BuiltBundle {
  readonly label: string;
  readonly assetDir: string;
  readonly bundleFileName: string;
  readonly exportName: string;
}

export interface Yardsticks {
  readonly reference: BuiltBundle;
  readonly referenceWithCredentialChain: BuiltBundle;
  readonly bare: BuiltBundle;
}

type BundlingOptions = Parameters<typeof esbuildFlagsFrom>[0];

const fixtures = path.join(__dirname, 'fixtures');

export async function buildYardsticks(outDir: string): Promise<Yardsticks> {
  const one = async (
    label: string,
    dirName: string,
    entry: string,
    bundling: BundlingOptions = lambdaBundling,
  ): Promise<BuiltBundle> => {
    const { options, outFileName } = esbuildFlagsFrom(bundling);
    const assetDir = path.join(outDir, dirName);
    await build({
      ...options,
      entryPoints: [path.join(fixtures, entry)],
      outfile: path.join(assetDir, outFileName),
      // NodejsFunction runs esbuild from the project root; keep source paths comparable.
      absWorkingDir: path.resolve(__dirname, '..'),
    });
    return { label, assetDir, bundleFileName: outFileName, exportName: 'handler' };
  };
  // An empty list, not undefined: undefined would make esbuildFlagsFrom fall back to CDK's
  // default of leaving the whole SDK external.
  const withCredentialChain: BundlingOptions = { ...lambdaBundling, externalModules: [] };
  const [reference, referenceWithCredentialChain, bare] = await Promise.all([
    one('b (reference)', 'reference-b', 'reference-handler.ts'),
    one('b0 (b + credential chain)', 'reference-b0', 'reference-handler.ts', withCredentialChain),
    one('a (bare)', 'bare-a', 'bare-handler.ts'),
  ]);
  return { reference, referenceWithCredentialChain, bare };
}
