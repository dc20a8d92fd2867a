/**
 * scripts/check-line-width.mjs, run by `npm run lint`: holds strings, templates and comments,
 * which Biome never breaks, to the formatter's line width.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFinding, lineLength, lineWidthFrom, overLongLines } from '../../../scripts/check-line-width.mjs';

describe('lineLength', () => {
  it('counts an astral emoji as one character, not two UTF-16 units', () => {
    expect(lineLength('a🎨b')).toBe(3);
  });

  it('counts each code point of a ZWJ sequence', () => {
    // 👩 ZWJ 🎨: three code points, five UTF-16 units.
    expect(lineLength('👩\u200d🎨')).toBe(3);
  });
});

describe('overLongLines', () => {
  it('reports a line of 121 characters and passes one of 120', () => {
    const text = ['x'.repeat(120), 'y'.repeat(121), ''].join('\n');

    expect(overLongLines(text, 120)).toEqual([{ line: 2, length: 121 }]);
  });

  it('measures in code points, so 120 emoji fit a 120-column limit', () => {
    expect(overLongLines('🎨'.repeat(120), 120)).toEqual([]);
    expect(overLongLines('🎨'.repeat(121), 120)).toEqual([{ line: 1, length: 121 }]);
  });

  it('does not count the carriage return of a CRLF line ending', () => {
    expect(overLongLines(`${'x'.repeat(120)}\r\nshort\r\n`, 120)).toEqual([]);
  });
});

describe('lineWidthFrom', () => {
  it('reads formatter.lineWidth from the Biome configuration', () => {
    expect(lineWidthFrom(JSON.stringify({ formatter: { lineWidth: 96 } }))).toBe(96);
  });

  it('refuses a configuration without a usable width rather than guessing one', () => {
    expect(() => lineWidthFrom(JSON.stringify({ formatter: {} }))).toThrow(/formatter\.lineWidth/);
    expect(() => lineWidthFrom(JSON.stringify({ formatter: { lineWidth: '120' } }))).toThrow(/formatter\.lineWidth/);
  });
});

it('formats a finding as path:line so editors and CI logs link to it', () => {
  expect(formatFinding('lib/a.ts', { line: 7, length: 130 }, 120)).toBe('lib/a.ts:7: 130 characters (limit 120)');
});

describe('the script, run in a git repository', () => {
  let repo: string;

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'line-width-'));
    mkdirSync(join(repo, 'scripts'));
    copyFileSync(join(__dirname, '../../../scripts/check-line-width.mjs'), join(repo, 'scripts/check-line-width.mjs'));
    writeFileSync(join(repo, 'biome.json'), JSON.stringify({ formatter: { lineWidth: 10 } }));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    writeFileSync(join(repo, 'fits.ts'), 'x'.repeat(10));
    writeFileSync(join(repo, 'long.cjs'), `ok\n${'y'.repeat(11)}\n`);
    writeFileSync(join(repo, 'long.md'), 'z'.repeat(50));
    git('add', 'biome.json', 'fits.ts', 'long.cjs', 'long.md');
    writeFileSync(join(repo, 'untracked.ts'), 'w'.repeat(50));
  });

  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const run = () =>
    spawnSync(process.execPath, [join(repo, 'scripts/check-line-width.mjs')], { cwd: repo, encoding: 'utf8' });

  it('reports tracked source lines over the width biome.json sets and exits 1', () => {
    const result = run();

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('long.cjs:2: 11 characters (limit 10)\n');
    expect(result.stderr).not.toContain('fits.ts');
  });

  it('ignores files that are not tracked or not source', () => {
    const result = run();

    expect(result.stderr).not.toContain('untracked.ts');
    expect(result.stderr).not.toContain('long.md');
  });

  it('exits 0 and prints nothing when every line fits', () => {
    writeFileSync(join(repo, 'long.cjs'), 'ok\n');

    const result = run();

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
