/** GET /v1/images/{imageId}: one image with a fresh presigned URL. */
import { documentClient } from '../../adapters/dynamodb/client';
import { imageReadRepository } from '../../adapters/dynamodb/image-read-repository';
import { imageLinks } from '../../adapters/s3/image-links';
import { getMyImage } from '../../domain/images/get-my-image';
import { tableConfig } from '../../shared/config';
import { userRoute } from '../../shared/http/route';

export const handler = userRoute({ params: { imageId: 'image' } }, async ({ caller, params }) => ({
  body: await getMyImage(
    { images: imageReadRepository(documentClient, tableConfig().TABLE_NAME), objects: imageLinks() },
    caller.userId,
    params.imageId,
  ),
}));
