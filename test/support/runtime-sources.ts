/** Every TypeScript module of the runtime (`lambdas/`), for the tests that hold a rule over all of them. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const runtimeRoot = join(__dirname, '../../lambdas');

export function sourceFiles(dir: string = runtimeRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}
