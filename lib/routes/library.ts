/** The library, favorites and the action log (docs/library.md). */
import { type RouteDefinition, jwt } from './route-definition';

export const libraryRoutes: readonly RouteDefinition[] = [
  {
    id: 'ListImages',
    method: 'GET',
    path: '/v1/images',
    entry: 'lambdas/http/images/list-images.ts',
    auth: jwt,
    table: 'read',
    limit: 'read',
    // The library is a gsi1 group; `favorites=true` reads the favorites index.
    uses: ['presignImageReads', 'readFavorites'],
  },
  {
    id: 'FavoriteImage',
    method: 'PUT',
    path: '/v1/images/{imageId}/favorite',
    entry: 'lambdas/http/images/favorite-image.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'write',
    uses: ['presignImageReads'],
  },
  {
    id: 'UnfavoriteImage',
    method: 'DELETE',
    path: '/v1/images/{imageId}/favorite',
    entry: 'lambdas/http/images/unfavorite-image.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'write',
    uses: ['presignImageReads'],
  },
  {
    id: 'RecordImageAction',
    method: 'POST',
    path: '/v1/images/{imageId}/actions',
    entry: 'lambdas/http/images/record-image-action.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'write',
  },
];
