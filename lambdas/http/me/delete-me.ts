/**
 * DELETE /v1/me: marks the account DELETING and starts the deletion workflow (through the outbox:
 * a start that fails here is made good by the sweeper); 202 with the status. Repeating it is harmless (the running or
 * finished execution is found, not doubled).
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { accountDeletionRepository } from '../../adapters/dynamodb/account-deletion-repository';
import { outboxRepository } from '../../adapters/dynamodb/outbox-repository';
import { stepFunctionsDeletionWorkflow } from '../../adapters/sfn/deletion-workflow';
import {
  requestAccountDeletion,
  type RequestAccountDeletionDeps as DeletionRequestDeps,
} from '../../domain/account-deletion/request-account-deletion';
import { systemClock } from '../../domain/shared/clock';
import { tableConfig } from '../../shared/config';
import { logDeferredHandOver } from '../../shared/deferred-hand-over';
import { userRoute } from '../../shared/http/route';

let deps: DeletionRequestDeps | undefined;

const wired = (): DeletionRequestDeps =>
  (deps ??= {
    store: accountDeletionRepository(documentClient, tableConfig().TABLE_NAME),
    workflow: stepFunctionsDeletionWorkflow(),
    outbox: outboxRepository(documentClient, tableConfig().TABLE_NAME),
    deferred: logDeferredHandOver,
    now: systemClock,
  });

export const handler = userRoute({}, async ({ caller }) => ({
  status: 202,
  body: await requestAccountDeletion(wired(), caller.userId),
}));
