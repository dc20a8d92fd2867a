/** GET /v1/generations/{generationId}: status, images with fresh URLs, timings, reason when blocked or failed. */
import { getMyGeneration } from '../../domain/generations/get-my-generation';
import { pathId } from '../../shared/http/path-id';
import { userRoute } from '../../shared/http/route';
import { readGenerationDeps } from './generation-deps';

export const handler = userRoute({}, async ({ caller, pathParameters }) => ({
  body: await getMyGeneration(readGenerationDeps(), caller.userId, pathId(pathParameters.generationId, 'generation')),
}));
