/** DELETE /v1/images/{imageId}/favorite: idempotent; answers the image view. */
import { imageLinks } from '../../adapters/s3/image-links';
import { unfavoriteImage } from '../../domain/images/unfavorite-image';
import { userRoute } from '../../shared/http/route';
import { imageFavorites } from './image-deps';

export const handler = userRoute({ params: { imageId: 'image' } }, async ({ caller, params }) => ({
  body: await unfavoriteImage({ favorites: imageFavorites(), objects: imageLinks() }, caller.userId, params.imageId),
}));
