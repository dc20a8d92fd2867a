/** POST /v1/uploads: a PENDING upload and the presigned POST to send the file with (signed here, no S3 request). */
import { createUploadSchema } from '../../domain/uploads/requests';
import { createUpload } from '../../domain/uploads/create-upload';
import { userRoute } from '../../shared/http/route';
import { createUploadDeps } from './upload-deps';

export const handler = userRoute({ body: createUploadSchema }, async ({ caller, body }) => ({
  status: 201,
  body: await createUpload(createUploadDeps(), caller.userId, body),
}));
