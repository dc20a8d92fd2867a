/**
 * DELETE /v1/me: marks the account DELETING and starts the deletion workflow (through the outbox:
 * a start that fails here is made good by the sweeper); 202 with the status. Repeating it is harmless (the running or
 * finished execution is found, not doubled).
 */
import { requestAccountDeletion } from '../../domain/account-deletion/request-account-deletion';
import { userRoute } from '../../shared/http/route';
import { deletionRequestDeps } from './deletion-request-deps';

export const handler = userRoute({}, async ({ caller }) => ({
  status: 202,
  body: await requestAccountDeletion(deletionRequestDeps(), caller.userId),
}));
