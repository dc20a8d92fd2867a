/** POST /v1/uploads/{id}/complete: the client's bytes checked, re-encoded clean, and the upload settled. */
import { NotFoundError, UnprocessableError } from '../../shared/errors';
import { refuseInactive } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import { objectKeys } from '../storage/object-keys';
import type { ObjectStore } from '../storage/ports';
import { findUpload, showUpload } from './get-upload';
import type { ImageCheck, ImageNormalizer, UploadStore } from './ports';
import { maxUploadBytes, type Upload, type UploadView } from './upload';

export interface CompleteUploadDeps {
  uploads: UploadStore;
  objects: ObjectStore;
  normalizeImage: ImageNormalizer;
  now: Clock;
}

/**
 * POST /v1/uploads/{id}/complete. Primary course: 1. read the upload (as GET does); 2. read the
 * bytes the client sent; 3. decode, check and re-encode them (refusing anything but an allowed,
 * sane image); 4. keep the clean PNG; 5. settle the upload READY or REJECTED under the account
 * guard; 6. delete the original; 7. answer the upload, or its rejection as a 422. Idempotent:
 * completing a READY upload answers it again; a REJECTED one answers its rejection again; a
 * completion racing another answers what the other decided.
 */
export async function completeUpload(deps: CompleteUploadDeps, userId: string, uploadId: string): Promise<UploadView> {
  const upload = await findUpload(deps, userId, uploadId);
  if (upload.status === 'READY') return showUpload(deps, upload);
  if (upload.status === 'REJECTED') throw rejection(upload);

  const original = objectKeys.uploadOriginal(userId, uploadId);
  const read = await deps.objects.getBytes(original, maxUploadBytes);
  if (!read)
    throw new UnprocessableError(
      'upload_missing',
      'No file has been uploaded for this upload yet; send it with the presigned POST first.',
    );
  const check: ImageCheck =
    'tooLarge' in read
      ? { ok: false, code: 'image_too_large', message: `The file is larger than ${maxUploadBytes / (1024 * 1024)} MB.` }
      : await deps.normalizeImage(read.bytes);

  const now = deps.now().toISOString();
  let settled: Upload;
  if (check.ok) {
    await deps.objects.putPng(objectKeys.uploadValidated(userId, uploadId), check.png);
    settled = { ...upload, status: 'READY', width: check.width, height: check.height, updatedAt: now };
  } else {
    settled = {
      ...upload,
      status: 'REJECTED',
      rejection: { code: check.code, message: check.message },
      updatedAt: now,
    };
  }
  // The account guard rides on the settling write: deletion may have started while the bytes were
  // checked. A refused account leaves only objects under uploads/, which expire within a day.
  const outcome = await deps.uploads.settle(upload, settled, now);
  refuseInactive(outcome);
  if (outcome.outcome === 'profile_missing') throw new NotFoundError('No such upload.');
  if (outcome.outcome === 'not_pending') {
    // Another completion settled it first; answer what it decided.
    return completeUpload(deps, userId, uploadId);
  }
  // The client's bytes are never used again, whatever the verdict.
  await deps.objects.deleteKeys([original]);
  if (settled.status === 'REJECTED') throw rejection(settled);
  return showUpload(deps, settled);
}

function rejection(upload: Upload): UnprocessableError {
  const { code, message } = upload.rejection ?? { code: 'invalid_image', message: 'The file is not a usable image.' };
  return new UnprocessableError(code, message);
}
