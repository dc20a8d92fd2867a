/** DELETE /v1/images/{imageId}: 204; the items go now, the stored object through the cleanup worker. */
import { documentClient } from '../../adapters/dynamodb/client';
import { imageRepository } from '../../adapters/dynamodb/image-repository';
import { cleanupQueue } from '../../adapters/sqs/queues';
import { deleteMyImage } from '../../domain/images/delete-my-image';
import { tableConfig } from '../../shared/config';
import { userRoute } from '../../shared/http/route';
import { imageActionCleanup } from './image-deps';

export const handler = userRoute({ params: { imageId: 'image' } }, async ({ caller, params }) => {
  await deleteMyImage(
    {
      images: imageRepository(documentClient, tableConfig().TABLE_NAME),
      actionLog: imageActionCleanup(),
      cleanup: cleanupQueue(),
      now: () => new Date(),
    },
    caller.userId,
    params.imageId,
  );
  return { status: 204 };
});
