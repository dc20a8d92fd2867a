/**
 * Wires the account-deletion request, once per container: the table, the workflow, the outbox.
 * DELETE /v1/me and the bot's /delete share it, so both start deletion the same way.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { accountDeletionRepository } from '../../adapters/dynamodb/account-deletion-repository';
import { outboxRepository } from '../../adapters/dynamodb/outbox-repository';
import { stepFunctionsDeletionWorkflow } from '../../adapters/sfn/deletion-workflow';
import type { RequestAccountDeletionDeps } from '../../domain/account-deletion/request-account-deletion';
import { systemClock } from '../../domain/shared/clock';
import { tableConfig } from '../../shared/config';
import { logDeferredHandOver } from '../../shared/deferred-hand-over';

let deps: RequestAccountDeletionDeps | undefined;

export const deletionRequestDeps = (): RequestAccountDeletionDeps =>
  (deps ??= {
    store: accountDeletionRepository(documentClient, tableConfig().TABLE_NAME),
    workflow: stepFunctionsDeletionWorkflow(),
    outbox: outboxRepository(documentClient, tableConfig().TABLE_NAME),
    deferred: logDeferredHandOver,
    now: systemClock,
  });
