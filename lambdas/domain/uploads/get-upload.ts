/** GET /v1/uploads/{id}: an upload's state and, when READY, a fresh URL of its clean image. */
import { NotFoundError } from '../../shared/errors';
import { readableItem } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import { objectKeys } from '../storage/object-keys';
import type { ImageLinks } from '../storage/ports';
import type { UploadReadStore } from './ports';
import { toUploadView, type Upload, type UploadView } from './upload';

export interface GetUploadDeps {
  uploads: UploadReadStore;
  objects: ImageLinks;
  now: Clock;
}

/**
 * GET /v1/uploads/{id}. Primary course: 1. read the upload with its owner's account (one
 * request; refused unless ACTIVE; 404 when absent, another person's or expired); 2. when READY,
 * presign a GET of the validated image; 3. answer its view.
 */
export async function getUpload(deps: GetUploadDeps, userId: string, uploadId: string): Promise<UploadView> {
  return showUpload(deps, await findUpload(deps, userId, uploadId));
}

/** The upload, if its owner may read it and it has not expired; 404 otherwise. Completing reads it the same way. */
export async function findUpload(
  deps: Pick<GetUploadDeps, 'uploads' | 'now'>,
  userId: string,
  uploadId: string,
): Promise<Upload> {
  const upload = readableItem(await deps.uploads.get(userId, uploadId, Math.floor(deps.now().getTime() / 1000)));
  if (!upload) throw new NotFoundError('No such upload (uploads expire after a day).');
  return upload;
}

/** The upload's view, with a fresh link to the validated image when READY. */
export async function showUpload(deps: Pick<GetUploadDeps, 'objects'>, upload: Upload): Promise<UploadView> {
  if (upload.status !== 'READY') return toUploadView(upload);
  return toUploadView(
    upload,
    await deps.objects.presignGet(objectKeys.uploadValidated(upload.userId, upload.uploadId)),
  );
}
