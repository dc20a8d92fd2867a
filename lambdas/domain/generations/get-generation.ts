/**
 * GET /v1/generations/{id}: one BatchGetItem (the generation and its owner's account, refused
 * unless ACTIVE), then a fresh presigned URL per image (computed, not fetched).
 */
import { NotFoundError } from '../../shared/errors';
import { readableItem } from '../profile/account-status';
import type { ImageLinks } from '../storage/ports';
import type { StoredImage } from './generation';
import { toGenerationView, type GenerationView, type ImageLink } from './generation-view';
import type { GenerationReadStore } from './generation-store';

export async function getMyGeneration(
  deps: { generations: GenerationReadStore; objects: ImageLinks },
  userId: string,
  generationId: string,
): Promise<GenerationView> {
  const generation = readableItem(await deps.generations.get(userId, generationId));
  if (!generation) throw new NotFoundError('No such generation.');
  return toGenerationView(generation, await freshLinks(deps.objects, generation.images));
}

/** A presigned GET per image, minted now; presigning is computed locally, so this costs no request. */
export async function freshLinks(objects: ImageLinks, images: readonly StoredImage[]): Promise<Map<string, ImageLink>> {
  return new Map(
    await Promise.all(images.map(async (image) => [image.imageId, await objects.presignGet(image.objectKey)] as const)),
  );
}
