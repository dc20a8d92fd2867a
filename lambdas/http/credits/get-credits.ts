/** GET /v1/credits?limit=&cursor=: the balance (first page) and the ledger, newest first, in one Query. */
import { creditsRepository } from '../../adapters/dynamodb/credits-repository';
import { documentClient } from '../../adapters/dynamodb/client';
import { getMyCredits } from '../../domain/credits/get-my-credits';
import { tableConfig } from '../../shared/config';
import { pageQuerySchema } from '../../shared/http/page-query';
import { userRoute } from '../../shared/http/route';
import { profileCreationDeps } from '../me/profile-creation-deps';

export const handler = userRoute({ query: pageQuerySchema }, async ({ caller, query }) => {
  return {
    body: await getMyCredits(
      { credits: creditsRepository(documentClient, tableConfig().TABLE_NAME), profiles: profileCreationDeps() },
      caller.userId,
      query,
    ),
  };
});
