/**
 * POST /v1/uploads/{uploadId}/complete: decode, check and re-encode what was uploaded; READY or a 422 saying why not.
 */
import { normalizeReferenceImage } from '../../adapters/images/reference-image';
import { s3ObjectStore } from '../../adapters/s3/object-store';
import { completeUpload } from '../../domain/uploads/complete-upload';
import { userRoute } from '../../shared/http/route';
import { completeUploadDeps } from './upload-deps';

export const handler = userRoute({ params: { uploadId: 'upload' } }, async ({ caller, params }) => ({
  body: await completeUpload(
    completeUploadDeps(s3ObjectStore(), (bytes) => normalizeReferenceImage(bytes)),
    caller.userId,
    params.uploadId,
  ),
}));
