/** A plain-text table in Markdown pipe syntax: readable in a terminal, pasteable into docs. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number> = new Set(),
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const ruleCell = (w: number, i: number) => (rightAligned.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2));
  const rule = `|${widths.map(ruleCell).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export const kb = (bytes: number) => (bytes / 1000).toFixed(1);
export const ms = (value: number) => value.toFixed(1);
export const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
