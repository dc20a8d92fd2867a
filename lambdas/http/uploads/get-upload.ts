/** GET /v1/uploads/{uploadId}: the upload's state and, when READY, a fresh URL of the validated image. */
import { getUpload } from '../../domain/uploads/use-cases';
import { pathId } from '../../shared/http/path-id';
import { userRoute } from '../../shared/http/route';
import { uploadDeps } from './upload-deps';

export const handler = userRoute({}, async ({ caller, pathParameters }) => ({
  body: await getUpload(uploadDeps(), caller.userId, pathId(pathParameters.uploadId, 'upload')),
}));
