/** Share links and the public share pages (docs/sharing.md). */
import { type RouteDefinition, jwt } from './route-definition';

export const shareRoutes: readonly RouteDefinition[] = [
  {
    id: 'CreateShareLink',
    method: 'POST',
    path: '/v1/images/{imageId}/share-links',
    entry: 'lambdas/http/shares/create-share-link.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'share-create',
  },
  {
    id: 'ListShareLinks',
    method: 'GET',
    path: '/v1/share-links',
    entry: 'lambdas/http/shares/list-share-links.ts',
    auth: jwt,
    table: 'read',
    limit: 'read',
  },
  {
    id: 'RevokeShareLink',
    method: 'DELETE',
    path: '/v1/share-links/{linkId}',
    entry: 'lambdas/http/shares/revoke-share-link.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'write',
  },
  {
    id: 'OpenSharePage',
    method: 'GET',
    path: '/s/{token}',
    entry: 'lambdas/http/shares/open-share-page.ts',
    auth: {
      kind: 'public',
      reason:
        'Share page: authenticated by the share token in the path (256 random bits, stored only hashed); ' +
        'answers one image of a live link, read-only, and the same 404 for everything else.',
    },
    table: 'read',
    limit: 'public-share',
  },
  {
    id: 'OpenSharedImage',
    method: 'GET',
    path: '/s/{token}/image',
    entry: 'lambdas/http/shares/open-shared-image.ts',
    auth: {
      kind: 'public',
      reason:
        'Shared image: authenticated by the share token in the path; a 302 to a presigned GET of that one ' +
        'image, minted per request, and the same 404 for everything else.',
    },
    table: 'read',
    limit: 'public-share',
    uses: ['presignImageReads'],
  },
];
