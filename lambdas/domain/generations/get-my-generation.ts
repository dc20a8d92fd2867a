/** GET /v1/generations/{id}: one generation of the caller's, with fresh image links. */
import { NotFoundError } from '../../shared/errors';
import { readableItem } from '../profile/account-status';
import type { ImageLinks } from '../storage/ports';
import { freshLinks, toGenerationView, type GenerationView } from './generation-view';
import type { GenerationReadStore } from './ports';

export interface GetMyGenerationDeps {
  generations: GenerationReadStore;
  objects: ImageLinks;
}

/**
 * GET /v1/generations/{id}. Primary course: 1. read the generation with its owner's account (one
 * BatchGetItem; refused unless ACTIVE, not found when it is another person's); 2. presign a GET
 * per image (computed, not fetched); 3. answer its view.
 */
export async function getMyGeneration(
  deps: GetMyGenerationDeps,
  userId: string,
  generationId: string,
): Promise<GenerationView> {
  const generation = readableItem(await deps.generations.get(userId, generationId));
  if (!generation) throw new NotFoundError('No such generation.');
  return toGenerationView(generation, await freshLinks(deps.objects, generation.images));
}
