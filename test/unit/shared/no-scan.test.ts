/**
 * PERFORMANCE.md P5 / ARCHITECTURE.md section 4: every read is a GetItem or a Query on a key;
 * nothing a user owns is ever found by scanning. Checked over the runtime source, so a Scan
 * cannot slip in unnoticed (and IAM does not grant dynamodb:Scan to any function either).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { runtimeRoot, sourceFiles } from '../../support/runtime-sources';

it('finds runtime source to check', () => {
  expect(sourceFiles(runtimeRoot).length).toBeGreaterThan(10);
});

it.each(sourceFiles(runtimeRoot).map((file) => [relative(runtimeRoot, file), file]))(
  '%s sends no Scan',
  (_name, file) => {
    const source = readFileSync(file, 'utf8');

    expect(source).not.toMatch(/\bScan(Command|Input|Output)\b|\bParallelScan\b|['"]Scan['"]/);
  },
);
