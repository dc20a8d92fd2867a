/** GET /v1/generations/{generationId}: status, images with fresh URLs, timings, reason when blocked or failed. */
import { getMyGeneration } from '../../domain/generations/get-my-generation';
import { userRoute } from '../../shared/http/route';
import { readGenerationDeps } from './generation-deps';

export const handler = userRoute({ params: { generationId: 'generation' } }, async ({ caller, params }) => ({
  body: await getMyGeneration(readGenerationDeps(), caller.userId, params.generationId),
}));
