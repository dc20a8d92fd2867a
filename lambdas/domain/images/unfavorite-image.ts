/** DELETE /v1/images/{id}/favorite: one of the caller's images is no longer a favorite (idempotent). */
import type { ImageLinks } from '../storage/ports';
import { viewOf } from './favorite-image';
import type { LibraryImageView } from './image-view';
import type { FavoriteStore } from './ports';

export interface UnfavoriteImageDeps {
  favorites: FavoriteStore;
  objects: ImageLinks;
}

/**
 * DELETE /v1/images/{id}/favorite. Primary course: 1. one transaction: the account is ACTIVE
 * (else 403), the image exists (else 404), it leaves the favorites; 2. answer the image as it now
 * is. Not a favorite is success.
 */
export async function unfavoriteImage(
  deps: UnfavoriteImageDeps,
  userId: string,
  imageId: string,
): Promise<LibraryImageView> {
  return viewOf(deps.objects, await deps.favorites.unfavorite(userId, imageId));
}
