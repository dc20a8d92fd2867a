/** GET /v1/images/{id}: one stored image of the caller's, with a fresh URL. */
import { NotFoundError } from '../../shared/errors';
import { toImageView } from '../generations/generation-view';
import { readableItem } from '../profile/account-status';
import type { ImageLinks } from '../storage/ports';
import type { ImageDetailView } from './image';
import type { ImageReadStore } from './ports';

export interface GetMyImageDeps {
  images: ImageReadStore;
  objects: ImageLinks;
}

/**
 * GET /v1/images/{id}. Primary course: 1. read the image with its owner's account (one request;
 * refused unless ACTIVE; 404 when absent or another person's); 2. presign a GET of its object;
 * 3. answer it with where it came from.
 */
export async function getMyImage(deps: GetMyImageDeps, userId: string, imageId: string): Promise<ImageDetailView> {
  const image = readableItem(await deps.images.get(userId, imageId));
  if (!image) throw new NotFoundError('No such image.');
  const link = await deps.objects.presignGet(image.objectKey);
  return {
    ...toImageView(image, link),
    conversationId: image.conversationId,
    generationId: image.generationId,
    createdAt: image.createdAt,
  };
}
