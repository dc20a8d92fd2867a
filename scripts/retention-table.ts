/** Prints docs/retention.md's generated table (between its markers) from the retention module. */
import { retentionTable, tableMarkers } from '../lambdas/domain/retention/retention-table';

process.stdout.write(`${tableMarkers.begin}\n\n${retentionTable()}\n\n${tableMarkers.end}\n`);
