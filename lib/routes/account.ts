/** The account: profile, consents, deletion and credits. */
import { type RouteDefinition, jwt } from './route-definition';

export const accountRoutes: readonly RouteDefinition[] = [
  {
    id: 'GetMe',
    method: 'GET',
    path: '/v1/me',
    entry: 'lambdas/http/me/get-me.ts',
    auth: jwt,
    // Creates the profile and the starter grant on the first call, hence write access.
    table: 'readWrite',
    limit: 'read',
  },
  {
    id: 'UpdateMe',
    method: 'PATCH',
    path: '/v1/me',
    entry: 'lambdas/http/me/update-me.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'write',
  },
  {
    id: 'RecordConsents',
    method: 'POST',
    path: '/v1/me/consents',
    entry: 'lambdas/http/me/record-consents.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'write',
  },
  {
    id: 'DeleteMe',
    method: 'DELETE',
    path: '/v1/me',
    entry: 'lambdas/http/me/delete-me.ts',
    auth: jwt,
    // Marks the account DELETING before the workflow starts.
    table: 'readWrite',
    limit: 'write',
    uses: ['startAccountDeletion'],
  },
  {
    id: 'GetDeletion',
    method: 'GET',
    path: '/v1/me/deletion',
    entry: 'lambdas/http/me/get-deletion.ts',
    auth: jwt,
    table: 'read',
    limit: 'read',
  },
  {
    id: 'GetMyData',
    method: 'GET',
    path: '/v1/me/data',
    entry: 'lambdas/http/me/get-my-data.ts',
    auth: jwt,
    // Answered from the data-class table (lambdas/domain/retention/), the same for every person.
    table: 'none',
    limit: 'fixed-content',
  },
  {
    id: 'GetCredits',
    method: 'GET',
    path: '/v1/credits',
    entry: 'lambdas/http/credits/get-credits.ts',
    auth: jwt,
    // One Query for the balance and a ledger page; creates the profile on a first call.
    table: 'readWrite',
    limit: 'read',
  },
];
