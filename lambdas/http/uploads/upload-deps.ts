/**
 * Wires the upload use cases. Each route gets only what its use case needs: creating an upload
 * puts the item and presigns the form (no S3 requests, no reads or settling in its bundle);
 * completing one reads and writes objects, and the image codecs load only in that route.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { uploadCreationRepository, uploadRepository } from '../../adapters/dynamodb/upload-repository';
import { uploadPresigner } from '../../adapters/s3/presigning-store';
import { systemClock } from '../../domain/shared/clock';
import type { ObjectStore } from '../../domain/storage/ports';
import type { CompleteUploadDeps } from '../../domain/uploads/complete-upload';
import type { CreateUploadDeps } from '../../domain/uploads/create-upload';
import type { ImageNormalizer } from '../../domain/uploads/ports';
import { tableConfig } from '../../shared/config';
import { timeOrderedId } from '../../shared/ids';
import { profileCreationDeps } from '../me/profile-creation-deps';

export function createUploadDeps(): CreateUploadDeps {
  return {
    uploads: uploadCreationRepository(documentClient, tableConfig().TABLE_NAME),
    objects: uploadPresigner(),
    profiles: profileCreationDeps(),
    now: systemClock,
    newId: timeOrderedId,
  };
}

export function completeUploadDeps(objects: ObjectStore, normalizeImage: ImageNormalizer): CompleteUploadDeps {
  return {
    uploads: uploadRepository(documentClient, tableConfig().TABLE_NAME),
    objects,
    normalizeImage,
    now: systemClock,
  };
}
