/** GET /v1/images: the caller's library across conversations, or their favorites, a page at a time. */
import { mayReadOwnData } from '../profile/account-status';
import type { ImageLinks } from '../storage/ports';
import { toLibraryImageViews, type LibraryImageView } from './image-view';
import type { ImageLibraryStore, LibraryShelf } from './ports';

export interface ListMyImagesDeps {
  library: ImageLibraryStore;
  objects: ImageLinks;
}

/**
 * GET /v1/images[?favorites=true]. Primary course: 1. one Query for the page (the library newest
 * image first, or the favorites newest favorite first), the account's status read beside it;
 * 2. refuse an account that is not ACTIVE; 3. mint a URL per available image (computed, not
 * fetched) and answer the views and the next cursor. No profile yet: an empty list.
 */
export async function listMyImages(
  deps: ListMyImagesDeps,
  userId: string,
  page: { limit: number; cursor?: string; favorites: boolean },
): Promise<{ images: LibraryImageView[]; nextCursor: string | null }> {
  const shelf: LibraryShelf = page.favorites ? 'favorites' : 'all';
  const { account, items, nextCursor } = await deps.library.list(userId, shelf, {
    limit: page.limit,
    cursor: page.cursor,
  });
  if (!mayReadOwnData(account)) return { images: [], nextCursor: null };
  return { images: await toLibraryImageViews(deps.objects, items), nextCursor: nextCursor ?? null };
}
