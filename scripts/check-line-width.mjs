#!/usr/bin/env node
// Fails when a source line is longer than the formatter's width. Biome wraps code at
// `formatter.lineWidth` but never breaks string literals, template literals or comments, so
// `biome ci` alone lets those run past the limit; this check holds them to the same width.
// The limit is read from biome.json, so the width is decided in one place.
// Run by `npm run lint`; on its own: `node scripts/check-line-width.mjs`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file name endings this check reads: the source Biome formats as JavaScript or TypeScript. */
export const checkedExtensions = ['.ts', '.js', '.mjs', '.cjs'];

/**
 * A line's length in Unicode code points, the column an editor shows: an astral character such
 * as an emoji is one, not its two UTF-16 code units. (Biome's printer measures display width,
 * which agrees for ASCII; it counts wide characters as two columns and combining marks as none.)
 */
export function lineLength(line) {
  let codePoints = 0;
  for (const _ of line) codePoints += 1;
  return codePoints;
}

/**
 * The lines of `text` longer than `limit`, each with its 1-based number and its length.
 * Lines end at `\n`; a `\r` before it is part of the line ending, not of the line.
 */
export function overLongLines(text, limit) {
  const found = [];
  text.split('\n').forEach((rawLine, index) => {
    const length = lineLength(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine);
    if (length > limit) found.push({ line: index + 1, length });
  });
  return found;
}

/** The line width biome.json sets (`formatter.lineWidth`), from the file's text. */
export function lineWidthFrom(biomeConfigText) {
  const lineWidth = JSON.parse(biomeConfigText).formatter?.lineWidth;
  if (!Number.isInteger(lineWidth) || lineWidth <= 0) {
    throw new Error('biome.json has no positive integer formatter.lineWidth');
  }
  return lineWidth;
}

/** One report line per over-long line, in the `path:line:` form editors and CI logs link. */
export function formatFinding(path, { line, length }, limit) {
  return `${path}:${line}: ${length} characters (limit ${limit})`;
}

// Tracked files only (what CI sees); one deleted in the working tree but not yet in the index is skipped.
function trackedSourceFiles(root) {
  const patterns = checkedExtensions.map((extension) => `*${extension}`);
  const listing = execFileSync('git', ['ls-files', '-z', '--', ...patterns], { cwd: root, encoding: 'utf8' });
  return listing.split('\0').filter((path) => path !== '' && existsSync(join(root, path)));
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const limit = lineWidthFrom(readFileSync(join(root, 'biome.json'), 'utf8'));
  const findings = trackedSourceFiles(root).flatMap((path) =>
    overLongLines(readFileSync(join(root, path), 'utf8'), limit).map((finding) => formatFinding(path, finding, limit)),
  );
  for (const finding of findings) console.error(finding);
  if (findings.length > 0) {
    console.error(
      `${findings.length} line(s) over ${limit} characters. ` +
        'Biome does not break strings, templates or comments: wrap these by hand.',
    );
    process.exitCode = 1;
  }
}

// Run as a script, not when a test imports the functions above.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main();
