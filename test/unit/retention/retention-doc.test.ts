/** docs/retention.md's table of data classes is the retention module's, row for row (issue 14). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bucketLifecycleRules,
  dataClasses,
  lifetimeDays,
  ttlAfter,
} from '../../../lambdas/domain/retention/data-classes';
import { retentionTable, tableMarkers } from '../../../lambdas/domain/retention/retention-table';

const doc = readFileSync(join(__dirname, '../../../docs/retention.md'), 'utf8');

function documentedTable(): string {
  const begin = doc.indexOf(tableMarkers.begin);
  const end = doc.indexOf(tableMarkers.end);
  expect({ begin: begin >= 0, end: end > begin }).toEqual({ begin: true, end: true });
  return doc.slice(begin + tableMarkers.begin.length, end).trim();
}

/** A table's cells, row by row, without the padding Biome's Markdown formatter adds or the rule row. */
const cellsOf = (table: string): string[][] =>
  table
    .split('\n')
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '').trim()))
    .filter((cells) => !cells.every((cell) => /^-+$/.test(cell)));

describe('docs/retention.md', () => {
  it('lists exactly the data classes of the retention module, with their lifetimes and mechanisms', () => {
    expect(cellsOf(documentedTable())).toEqual(cellsOf(retentionTable()));
  });

  it('has one row per data class, each named once', () => {
    const ids = dataClasses.map((dataClass) => dataClass.id);
    expect(new Set(ids).size).toBe(ids.length);
    const documentedIds = cellsOf(documentedTable())
      .slice(1)
      .map(([first]) => first);
    expect(documentedIds).toEqual(ids.map((id) => `\`${id}\``));
  });
});

describe('the retention module', () => {
  it('declares every class issue 14 names', () => {
    const ids = new Set(dataClasses.map((dataClass) => dataClass.id));
    for (const required of [
      'idempotencyRecords',
      'uploadItems',
      'rawUploads',
      'actionLog',
      'rateLimitCounters',
      'abuseSignals',
      'requestMetadata',
      'exports',
      'webhookReceipts',
      'supportRequests',
      'moderationAudit',
      'tombstones',
      'retainedBillingRecords',
      'deletionReceipts',
      'shareLinks',
      'reports',
      'logs',
    ]) {
      expect({ required, declared: ids.has(required) }).toEqual({ required, declared: true });
    }
  });

  it('gives every TTL and lifecycle class a positive whole number of days', () => {
    for (const { id, enforcement } of dataClasses) {
      if (enforcement.kind !== 'ttl' && enforcement.kind !== 'lifecycle') continue;
      expect({ id, days: Number.isInteger(enforcement.days) && enforcement.days > 0 }).toEqual({ id, days: true });
    }
  });

  it('builds the images bucket lifecycle rules from the prefix classes: raw uploads and exports', () => {
    expect(bucketLifecycleRules()).toEqual([
      { id: 'ExpireUnreferencedUploads', prefix: 'uploads/', days: lifetimeDays.rawUploads },
      { id: 'ExpireExports', prefix: 'exports/', days: lifetimeDays.exports },
    ]);
  });

  it('counts a TTL in epoch seconds from the moment given', () => {
    expect(ttlAfter('2026-01-01T00:00:00.000Z', 2)).toBe(Date.UTC(2026, 0, 3) / 1000);
    expect(ttlAfter(new Date('2026-01-01T00:00:00.500Z'), 1)).toBe(Date.UTC(2026, 0, 2) / 1000);
  });
});
