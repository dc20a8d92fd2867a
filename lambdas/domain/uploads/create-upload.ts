/** POST /v1/uploads: a PENDING upload and the presigned POST the client sends its bytes with. */
import { asActiveAccount, type EnsureProfileDeps } from '../profile/ensure-profile';
import type { Clock } from '../shared/clock';
import { objectKeys } from '../storage/object-keys';
import type { ObjectStore, PresignedUpload } from '../storage/ports';
import type { UploadCreationStore } from './ports';
import {
  maxUploadBytes,
  toUploadView,
  uploadLifetimeSeconds,
  type CreateUploadRequest,
  type Upload,
  type UploadView,
} from './upload';

export interface CreateUploadDeps {
  uploads: UploadCreationStore;
  objects: Pick<ObjectStore, 'presignUpload'>;
  profiles: EnsureProfileDeps;
  now: Clock;
  newId: () => string;
}

/**
 * POST /v1/uploads. Primary course: 1. build a PENDING upload that expires in a day; 2. put it
 * under the account guard (first call ever: the profile is created, then the put runs again);
 * 3. presign a POST pinning the key, the content type, the size range and a short expiry;
 * 4. answer the upload, the form and the size limit.
 */
export async function createUpload(
  deps: CreateUploadDeps,
  userId: string,
  request: CreateUploadRequest,
): Promise<{ upload: UploadView; post: PresignedUpload; maxBytes: number }> {
  const now = deps.now();
  const createdAt = now.toISOString();
  const upload: Upload = {
    uploadId: deps.newId(),
    userId,
    status: 'PENDING',
    contentType: request.contentType,
    createdAt,
    updatedAt: createdAt,
    expiresAt: Math.floor(now.getTime() / 1000) + uploadLifetimeSeconds,
  };
  await asActiveAccount(deps.profiles, userId, () => deps.uploads.create(upload));
  const post = await deps.objects.presignUpload(
    objectKeys.uploadOriginal(userId, upload.uploadId),
    upload.contentType,
    maxUploadBytes,
  );
  return { upload: toUploadView(upload), post, maxBytes: maxUploadBytes };
}
