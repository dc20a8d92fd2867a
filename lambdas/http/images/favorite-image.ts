/** PUT /v1/images/{imageId}/favorite: idempotent; answers the image view. */
import { imageLinks } from '../../adapters/s3/image-links';
import { favoriteImage } from '../../domain/images/favorite-image';
import { systemClock } from '../../domain/shared/clock';
import { userRoute } from '../../shared/http/route';
import { imageFavorites } from './image-deps';

export const handler = userRoute({ params: { imageId: 'image' } }, async ({ caller, params }) => ({
  body: await favoriteImage(
    { favorites: imageFavorites(), objects: imageLinks(), now: systemClock },
    caller.userId,
    params.imageId,
  ),
}));
