/**
 * `npm run stats -- actions [--days N] [--table NAME]`: the operator's read of the action log's
 * aggregate counters (docs/library.md): per UTC day, action type and model, how many saves and
 * shares were recorded. The counters hold no user id, so this shows usage and nobody's
 * behaviour. The parsing and the table are here, apart from the entry point (bin/stats.ts),
 * so tests run them without a process.
 */
import type { ActionCount } from '../lambdas/domain/images/action-log';
import { readActionCounts, type ReadActionCountsDeps } from '../lambdas/domain/images/read-action-counts';

export interface StatsRequest {
  report: 'actions';
  days: number;
  /** A stage's table (the operator's AWS credentials and region); absent: the local stack's. */
  table?: string;
}

/** The most days one run reads: a Query per day, and the counters live two years. */
export const maxDays = 730;

export const statsUsage = 'Usage: npm run stats -- actions [--days N (1-730, default 7)] [--table <stage table name>]';

/** The request, or a message saying what is wrong with the arguments. */
export function parseStatsArgs(args: readonly string[]): StatsRequest | { error: string } {
  const [report, ...rest] = args;
  if (report !== 'actions') return { error: `Unknown report ${JSON.stringify(report ?? '')}. ${statsUsage}` };
  const request: StatsRequest = { report, days: 7 };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) return { error: `${flag} needs a value. ${statsUsage}` };
    if (flag === '--days') {
      const days = Number(value);
      if (!Number.isInteger(days) || days < 1 || days > maxDays)
        return { error: `--days must be a whole number from 1 to ${maxDays}.` };
      request.days = days;
    } else if (flag === '--table') {
      request.table = value;
    } else {
      return { error: `Unknown option ${flag}. ${statsUsage}` };
    }
  }
  return request;
}

/** A fixed-width table, newest day first; a day with nothing recorded shows no row. */
export function formatCounts(counts: readonly ActionCount[], days: number): string {
  if (counts.length === 0) return `No saves or shares recorded in the last ${days} day(s).\n`;
  const header = ['day', 'type', 'model', 'count'];
  const rows = counts.map((count) => [count.day, count.type, count.modelId, String(count.count)]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
  const total = counts.reduce((sum, count) => sum + count.count, 0);
  return `${[line(header), ...rows.map(line)].join('\n')}\n${total} action(s) in the last ${days} day(s).\n`;
}

/** Reads the counters of the last `request.days` days and renders them. */
export async function runStats(deps: ReadActionCountsDeps, request: StatsRequest): Promise<string> {
  return formatCounts(await readActionCounts(deps, request.days), request.days);
}
