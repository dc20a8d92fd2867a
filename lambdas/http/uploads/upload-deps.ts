/** Wires the upload use cases, once per container. The image codecs load only in the route that validates. */
import { documentClient } from '../../adapters/dynamodb/client';
import { uploadRepository } from '../../adapters/dynamodb/upload-repository';
import { s3ObjectStore } from '../../adapters/s3/object-store';
import type { UploadDeps } from '../../domain/uploads/use-cases';
import { tableConfig } from '../../shared/config';
import { timeOrderedId } from '../../shared/ids';
import { profileDeps } from '../me/profile-deps';

export function uploadDeps(normalizeImage: UploadDeps['normalizeImage'] = refuseUnchecked): UploadDeps {
  return {
    uploads: uploadRepository(documentClient, tableConfig().TABLE_NAME),
    objects: s3ObjectStore(),
    profiles: profileDeps(),
    normalizeImage,
    now: () => new Date(),
    newId: timeOrderedId,
  };
}

/** Routes that never validate bytes get this; reaching it is a wiring bug. */
async function refuseUnchecked(): Promise<never> {
  throw new Error('this route cannot validate images');
}
