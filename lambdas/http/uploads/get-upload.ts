/** GET /v1/uploads/{uploadId}: the upload's state and, when READY, a fresh URL of the validated image. */
import { uploadReadRepository } from '../../adapters/dynamodb/upload-read-repository';
import { documentClient } from '../../adapters/dynamodb/client';
import { imageLinks } from '../../adapters/s3/image-links';
import { getUpload } from '../../domain/uploads/get-upload';
import { tableConfig } from '../../shared/config';
import { userRoute } from '../../shared/http/route';

export const handler = userRoute({ params: { uploadId: 'upload' } }, async ({ caller, params }) => ({
  body: await getUpload(
    {
      uploads: uploadReadRepository(documentClient, tableConfig().TABLE_NAME),
      objects: imageLinks(),
      now: () => new Date(),
    },
    caller.userId,
    params.uploadId,
  ),
}));
