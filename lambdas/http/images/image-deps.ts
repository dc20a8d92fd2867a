/**
 * The image area's stores, each made once per container and only by the handlers that use it,
 * so a list or favorite bundle carries neither the removal transaction nor the action log.
 */
import { actionLogCleanup, actionLogRepository } from '../../adapters/dynamodb/action-log-repository';
import { documentClient } from '../../adapters/dynamodb/client';
import { favoriteRepository } from '../../adapters/dynamodb/favorite-repository';
import { imageLibraryRepository } from '../../adapters/dynamodb/image-library-repository';
import type { ActionLogCleanup, ActionLogStore, FavoriteStore, ImageLibraryStore } from '../../domain/images/ports';
import { tableConfig } from '../../shared/config';

let library: ImageLibraryStore | undefined;
let favorites: FavoriteStore | undefined;
let actions: ActionLogStore | undefined;
let cleanup: ActionLogCleanup | undefined;

/** GET /v1/images. */
export function imageLibrary(): ImageLibraryStore {
  library ??= imageLibraryRepository(documentClient, tableConfig().TABLE_NAME);
  return library;
}

/** PUT / DELETE /v1/images/{id}/favorite. */
export function imageFavorites(): FavoriteStore {
  favorites ??= favoriteRepository(documentClient, tableConfig().TABLE_NAME);
  return favorites;
}

/** POST /v1/images/{id}/actions. */
export function imageActions(): ActionLogStore {
  actions ??= actionLogRepository(documentClient, tableConfig().TABLE_NAME);
  return actions;
}

/** DELETE /v1/images/{id}: the image's action-log entries go with it. */
export function imageActionCleanup(): ActionLogCleanup {
  cleanup ??= actionLogCleanup(documentClient, tableConfig().TABLE_NAME);
  return cleanup;
}
