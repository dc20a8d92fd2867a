/** The export routes' wiring, once per container. */
import { documentClient } from '../../adapters/dynamodb/client';
import { exportRepository } from '../../adapters/dynamodb/export-repository';
import type { ExportStore } from '../../domain/export/ports';
import { tableConfig } from '../../shared/config';

let store: ExportStore | undefined;

export const exportStore = (): ExportStore => (store ??= exportRepository(documentClient, tableConfig().TABLE_NAME));
