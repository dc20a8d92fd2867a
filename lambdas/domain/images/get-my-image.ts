/** GET /v1/images/{id}: one stored image of the caller's, with a fresh URL unless it was taken down. */
import { NotFoundError } from '../../shared/errors';
import { readableItem } from '../profile/account-status';
import type { ImageLinks } from '../storage/ports';
import { toLibraryImageViews, type LibraryImageView } from './image-view';
import type { ImageReadStore } from './ports';

export interface GetMyImageDeps {
  images: ImageReadStore;
  objects: ImageLinks;
}

/**
 * GET /v1/images/{id}. Primary course: 1. read the image with its owner's account (one request;
 * refused unless ACTIVE; 404 when absent or another person's); 2. presign a GET of its object,
 * unless it was taken down; 3. answer its view (image-view.ts).
 */
export async function getMyImage(deps: GetMyImageDeps, userId: string, imageId: string): Promise<LibraryImageView> {
  const image = readableItem(await deps.images.get(userId, imageId));
  if (!image) throw new NotFoundError('No such image.');
  const [view] = await toLibraryImageViews(deps.objects, [image]);
  return view;
}
