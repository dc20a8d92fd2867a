/**
 * The two yardsticks of docs/PERFORMANCE.md, built here with exactly the esbuild flags every
 * Pictor Lambda gets (lambdaBundling, via bench/bundling.ts):
 *   b, the reference: a DynamoDB DocumentClient GetCommand handler (bench/fixtures/reference-handler.ts)
 *   a, the bare handler: no imports at all, the loader floor (bench/fixtures/bare-handler.ts)
 */
import * as path from 'node:path';
import { build } from 'esbuild';
import { esbuildFlagsFrom } from '../lib/constructs/esbuild-options';

export interface BuiltBundle {
  readonly label: string;
  readonly assetDir: string;
  readonly bundleFileName: string;
  readonly exportName: string;
}

const fixtures = path.join(__dirname, 'fixtures');

export async function buildYardsticks(outDir: string): Promise<{ reference: BuiltBundle; bare: BuiltBundle }> {
  const { options, outFileName } = esbuildFlagsFrom();
  const one = async (label: string, dirName: string, entry: string): Promise<BuiltBundle> => {
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
  const [reference, bare] = await Promise.all([
    one('b (reference)', 'reference-b', 'reference-handler.ts'),
    one('a (bare)', 'bare-a', 'bare-handler.ts'),
  ]);
  return { reference, bare };
}
