/**
 * docs/retention.md's table of every data class, rendered from the retention module, so the page
 * cannot drift from what the code enforces (test/unit/retention/retention-doc.test.ts compares;
 * `npx tsx scripts/retention-table.ts` prints the table to paste). Not imported by any handler.
 */
import { dataClasses, type Enforcement } from './data-classes';

/** Where the generated table starts and ends in docs/retention.md. */
export const tableMarkers = {
  begin: '<!-- retention-table:begin (generated from lambdas/domain/retention/data-classes.ts) -->',
  end: '<!-- retention-table:end -->',
} as const;

function mechanism(enforcement: Enforcement): string {
  switch (enforcement.kind) {
    case 'ttl':
      return `\`ttl\` (${enforcement.days} days; readers filter expired items)`;
    case 'lifecycle':
      return enforcement.prefix === ''
        ? `lifecycle rule (${enforcement.days} days)`
        : `lifecycle rule on \`${enforcement.prefix}\` (${enforcement.days} days)`;
    case 'deletion':
      return 'deletion paths';
    case 'logRetention':
      return "log-group retention (the stage's `logRetentionDays`)";
  }
}

/** The Markdown table, one row per data class, in the module's order (Biome formats it unpadded). */
export function retentionTable(): string {
  const rows = dataClasses.map((dataClass) =>
    [
      `\`${dataClass.id}\``,
      dataClass.what,
      dataClass.where,
      dataClass.lifetime,
      mechanism(dataClass.enforcement),
      dataClass.deletedBy,
      dataClass.why,
    ].join(' | '),
  );
  const header = '| Class | What | Where | Lifetime | Mechanism | Also deleted by | Why |';
  const rule = '| --- | --- | --- | --- | --- | --- | --- |';
  return [header, rule, ...rows.map((row) => `| ${row} |`)].join('\n');
}
