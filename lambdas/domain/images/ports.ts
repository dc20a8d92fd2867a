/**
 * The image area's ports: what showing and deleting a stored image need from storage (the
 * DynamoDB adapters, one request each). Unit tests use in-memory ones. Types only.
 */
import type { OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/ports';
import type { ImageRecord } from './image';

export type RemoveImageOutcome = { outcome: 'removed' } | { outcome: 'missing' } | AccountRefusal;

/** What showing an image needs (GET /v1/images/{id}). */
export interface ImageReadStore {
  /** The image with its owner's account status, read together in one request (SECURITY B4). */
  get(userId: string, imageId: string): Promise<OwnedRead<ImageRecord>>;
}

export interface ImageStore extends ImageReadStore {
  /**
   * One transaction: the account is ACTIVE, the image's conversation is ACTIVE, the image item is
   * deleted and its generation no longer lists it. `missing` when the image is already gone or
   * its conversation is gone or being deleted; nothing is written unless all of it is.
   */
  remove(image: ImageRecord, now: string): Promise<RemoveImageOutcome>;
}
