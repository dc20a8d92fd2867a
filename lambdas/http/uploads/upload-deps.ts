/**
 * Wires the upload use cases. Each route passes the object store it needs: creating an upload
 * only presigns (no S3 requests in its bundle), completing one reads and writes objects; the
 * image codecs load only in the route that validates.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { uploadRepository } from '../../adapters/dynamodb/upload-repository';
import type { ObjectStore } from '../../domain/storage/ports';
import type { UploadDeps } from '../../domain/uploads/use-cases';
import { tableConfig } from '../../shared/config';
import { timeOrderedId } from '../../shared/ids';
import { profileCreationDeps } from '../me/profile-creation-deps';

export function uploadDeps(objects: ObjectStore, normalizeImage: UploadDeps['normalizeImage'] = refuseUnchecked): UploadDeps {
  return {
    uploads: uploadRepository(documentClient, tableConfig().TABLE_NAME),
    objects,
    profiles: profileCreationDeps(),
    normalizeImage,
    now: () => new Date(),
    newId: timeOrderedId,
  };
}

/** Routes that never validate bytes get this; reaching it is a wiring bug. */
async function refuseUnchecked(): Promise<never> {
  throw new Error('this route cannot validate images');
}
