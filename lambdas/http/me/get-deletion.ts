/**
 * GET /v1/me/deletion: where the caller's account deletion stands. The one route a DELETING
 * account's tokens may still use: it reads nothing but the status and its dates.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { deletionStateRepository } from '../../adapters/dynamodb/account-deletion-repository';
import { getDeletionStatus } from '../../domain/account-deletion/get-deletion-status';
import { tableConfig } from '../../shared/config';
import { userRoute } from '../../shared/http/route';

export const handler = userRoute({}, async ({ caller }) => ({
  body: await getDeletionStatus(
    { store: deletionStateRepository(documentClient, tableConfig().TABLE_NAME) },
    caller.userId,
  ),
}));
