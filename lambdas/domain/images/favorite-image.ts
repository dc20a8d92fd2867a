/** PUT /v1/images/{id}/favorite: one of the caller's images becomes a favorite (idempotent). */
import { NotFoundError } from '../../shared/errors';
import { refuseInactive } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import type { ImageLinks } from '../storage/ports';
import { toLibraryImageViews, type LibraryImageView } from './image-view';
import type { FavoriteOutcome, FavoriteStore } from './ports';

export interface FavoriteImageDeps {
  favorites: FavoriteStore;
  objects: ImageLinks;
  now: Clock;
}

/**
 * PUT /v1/images/{id}/favorite. Primary course:
 *  1. one transaction: the account is ACTIVE (else 403), the image exists in the caller's
 *     partition (else 404), it becomes a favorite from now and enters the favorites index;
 *  2. answer the image as it now is.
 * Already a favorite is success and keeps its first `favoritedAt`, so a retried PUT never moves
 * it to the top of the favorites.
 */
export async function favoriteImage(
  deps: FavoriteImageDeps,
  userId: string,
  imageId: string,
): Promise<LibraryImageView> {
  return viewOf(deps.objects, await deps.favorites.favorite(userId, imageId, deps.now().toISOString()));
}

/** The answer of both favorite routes: the image's view, or the refusal. */
export async function viewOf(objects: ImageLinks, outcome: FavoriteOutcome): Promise<LibraryImageView> {
  refuseInactive(outcome);
  if (outcome.outcome !== 'done') throw new NotFoundError('No such image.');
  const [view] = await toLibraryImageViews(objects, [outcome.image]);
  return view;
}
