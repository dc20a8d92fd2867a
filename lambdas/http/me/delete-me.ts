/**
 * DELETE /v1/me: marks the account DELETING and starts the deletion workflow; 202 with the
 * status. Repeating it is harmless (the running or finished execution is found, not doubled).
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { accountDeletionRepository } from '../../adapters/dynamodb/account-deletion-repository';
import { stepFunctionsDeletionWorkflow } from '../../adapters/sfn/deletion-workflow';
import { requestAccountDeletion, type DeletionRequestDeps } from '../../domain/account-deletion/use-cases';
import { tableConfig } from '../../shared/config';
import { userRoute } from '../../shared/http/route';

let deps: DeletionRequestDeps | undefined;

const wired = (): DeletionRequestDeps =>
  (deps ??= {
    store: accountDeletionRepository(documentClient, tableConfig().TABLE_NAME),
    workflow: stepFunctionsDeletionWorkflow(),
    now: () => new Date().toISOString(),
  });

export const handler = userRoute({}, async ({ caller }) => ({ status: 202, body: await requestAccountDeletion(wired(), caller.userId) }));
