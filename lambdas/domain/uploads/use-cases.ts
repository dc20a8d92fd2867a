/**
 * Reference uploads. Create: a PENDING upload and a presigned POST pinning key, content type,
 * size range and a short expiry. Complete: read the bytes the client sent, decode and re-encode
 * them (refusing anything but an allowed, sane image), keep the clean PNG, delete the original.
 * Get: the upload's state and, when READY, a fresh URL of the clean image.
 */
import { NotFoundError, UnprocessableError } from '../../shared/errors';
import { readableItem, refuseInactive } from '../profile/account-status';
import { asActiveAccount, type EnsureProfileDeps } from '../profile/ensure-profile';
import { objectKeys } from '../storage/object-keys';
import type { ImageLinks, ObjectStore, PresignedUpload } from '../storage/ports';
import {
  maxUploadBytes,
  toUploadView,
  uploadLifetimeSeconds,
  type CreateUploadRequest,
  type Upload,
  type UploadView,
} from './upload';
import type { UploadCreationStore, UploadReadStore, UploadStore } from './upload-store';

export type ImageCheck =
  | { ok: true; png: Uint8Array; width: number; height: number }
  | { ok: false; code: string; message: string };

export interface CreateUploadDeps {
  uploads: UploadCreationStore;
  objects: Pick<ObjectStore, 'presignUpload'>;
  profiles: EnsureProfileDeps;
  now: () => Date;
  newId: () => string;
}

export interface UploadDeps {
  uploads: UploadStore;
  objects: ObjectStore;
  /** Decodes, checks and re-encodes (lambdas/adapters/images/reference-image.ts). */
  normalizeImage: (bytes: Uint8Array) => Promise<ImageCheck>;
  now: () => Date;
}

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

/**
 * POST /v1/uploads/{id}/complete. Idempotent: completing a READY upload answers it again; a
 * REJECTED one answers its rejection again.
 */
export async function completeUpload(deps: UploadDeps, userId: string, uploadId: string): Promise<UploadView> {
  const upload = await findUpload(deps, userId, uploadId);
  if (upload.status === 'READY') return view(deps, upload);
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
  return view(deps, settled);
}

export async function getUpload(
  deps: { uploads: UploadReadStore; now: () => Date; objects: ImageLinks },
  userId: string,
  uploadId: string,
): Promise<UploadView> {
  return view(deps, await findUpload(deps, userId, uploadId));
}

async function findUpload(
  deps: { uploads: UploadReadStore; now: () => Date },
  userId: string,
  uploadId: string,
): Promise<Upload> {
  const upload = readableItem(await deps.uploads.get(userId, uploadId, Math.floor(deps.now().getTime() / 1000)));
  if (!upload) throw new NotFoundError('No such upload (uploads expire after a day).');
  return upload;
}

async function view(deps: { objects: ImageLinks }, upload: Upload): Promise<UploadView> {
  if (upload.status !== 'READY') return toUploadView(upload);
  return toUploadView(
    upload,
    await deps.objects.presignGet(objectKeys.uploadValidated(upload.userId, upload.uploadId)),
  );
}

function rejection(upload: Upload): UnprocessableError {
  const { code, message } = upload.rejection ?? { code: 'invalid_image', message: 'The file is not a usable image.' };
  return new UnprocessableError(code, message);
}
