/**
 * Wires the deletion steps to their adapters. Each is built on first use and kept for the life
 * of the container; a step function only builds (and only needs the config of) what it uses.
 */
import * as v from 'valibot';
import { accountDeletionRepository } from '../../adapters/dynamodb/account-deletion-repository';
import { documentClient } from '../../adapters/dynamodb/client';
import type { AccountDeletionStore, ReportRecords, SubjectHasher } from '../../domain/account-deletion/ports';
import { reportDeletionRepository } from '../../adapters/dynamodb/report-deletion-repository';
import { userIdSchema } from '../../domain/shared/id-formats';
import { hmacSubjectHasher } from '../../adapters/secrets/subject-hasher';
import { systemClock } from '../../domain/shared/clock';
import { tableConfig } from '../../shared/config';

let store: AccountDeletionStore | undefined;
let hasher: SubjectHasher | undefined;

export const deletionStore = (): AccountDeletionStore =>
  (store ??= accountDeletionRepository(documentClient, tableConfig().TABLE_NAME));
export const subjectHasher = (): SubjectHasher => (hasher ??= hmacSubjectHasher());
let reports: ReportRecords | undefined;
export const reportRecords = (): ReportRecords =>
  (reports ??= reportDeletionRepository(documentClient, tableConfig().TABLE_NAME));
/** The clock every step that writes a time takes. */
export const now = systemClock;

/**
 * Every step's input: the execution input, which names the user and nothing else. A plain
 * v.object: its required `userId` already refuses an array, and steps extend its entries.
 */
export const userIdInput = v.object({ userId: userIdSchema() });
