/**
 * How the local stack gets a function's handler: a route's for the router, a worker's for the
 * local queues (both name their module by `entry`). Two ways, because the handlers are ESM-minded
 * TypeScript (e.g. @middy/core ships ESM only) while this package is CommonJS:
 *  - `importSource`: imports the entry module as is. Right where a transformer already copes
 *    (jest with @swc/jest and its moduleNameMapper), and the handler shares the caller's module
 *    instances, so tests can observe it in-process.
 *  - `bundleWithEsbuild`: builds the entry the way NodejsFunction does for AWS (same esbuild
 *    flags, from lib/constructs/lambda-defaults.ts via lib/constructs/esbuild-options.ts) into an .mjs under
 *    .local/build and imports that: what `npm start` runs, so it also meets bundling problems
 *    before a deploy does.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildFlagsFrom } from '../lib/constructs/esbuild-options';
import { repoRoot } from './config';

export type Handler = (event: unknown, context: unknown) => Promise<unknown>;
/** What a loader needs of a route or worker definition: its repo-relative handler module. */
export interface HandlerSource {
  readonly entry: string;
}
export type HandlerLoader = (source: HandlerSource) => Promise<Handler>;

function handlerOf(module: { handler?: unknown; default?: { handler?: unknown } }, entry: string): Handler {
  const handler = module.handler ?? module.default?.handler;
  if (typeof handler !== 'function') throw new Error(`${entry} does not export a handler function`);
  return handler as Handler;
}

/** Dynamic import of the repo-relative entry. */
export const importSource: HandlerLoader = async ({ entry }) =>
  handlerOf(await import(resolve(repoRoot, entry)), entry);

/** Bundles each entry with the Lambda esbuild flags into `outDir`, then imports the bundle. */
export function bundleWithEsbuild(outDir: string): HandlerLoader {
  const { options, outFileName } = esbuildFlagsFrom();
  // Stack traces through the minified bundle map back to the TypeScript sources.
  process.setSourceMapsEnabled(true);
  return async ({ entry }) => {
    const outfile = resolve(outDir, entry.replace(/\.[cm]?[jt]s$/, ''), outFileName);
    await build({
      ...options,
      entryPoints: [resolve(repoRoot, entry)],
      outfile,
      absWorkingDir: repoRoot,
      // Inline, so the map travels with the file Node imports.
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    return handlerOf(await import(pathToFileURL(outfile).href), entry);
  };
}
