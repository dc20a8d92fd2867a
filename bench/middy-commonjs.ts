import { join } from 'node:path';

/**
 * For benches that run the handlers from source in their own process. middy ships ESM only,
 * behind an `import`-only exports map that tsx's CommonJS resolution cannot take; point
 * `@middy/*` at its entry file as jest.config.js's moduleNameMapper does (Node 22 then requires
 * the ESM).
 */
export function resolveMiddyForCommonJs(): void {
  const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = (request, ...rest) => {
    const middy = /^@middy\/(core|util)$/.exec(request);
    return middy
      ? join(__dirname, '..', 'node_modules', '@middy', middy[1], 'index.js')
      : resolveFilename(request, ...rest);
  };
}
