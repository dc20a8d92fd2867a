/** GET /v1/images?limit=&cursor=&favorites=: the caller's library or favorites, newest first, one Query per page. */
import { imageLinks } from '../../adapters/s3/image-links';
import { listMyImages } from '../../domain/images/list-my-images';
import { listImagesQuerySchema } from '../../domain/images/list-query';
import { userRoute } from '../../shared/http/route';
import { imageLibrary } from './image-deps';

export const handler = userRoute({ query: listImagesQuerySchema }, async ({ caller, query }) => ({
  body: await listMyImages({ library: imageLibrary(), objects: imageLinks() }, caller.userId, query),
}));
