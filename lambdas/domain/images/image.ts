/** A stored image on its own: GET /v1/images/{id} answers it with a fresh URL (no URL is ever stored). */
import { NotFoundError } from '../../shared/errors';
import type { StoredImage } from '../generations/generation';
import { toImageView, type ImageView } from '../generations/generation-view';
import { readableItem, type OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/profile-store';
import type { ImageLinks } from '../storage/ports';

export interface ImageRecord extends StoredImage {
  userId: string;
  conversationId: string;
  generationId: string;
  createdAt: string;
}

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

export interface ImageDetailView extends ImageView {
  conversationId: string;
  generationId: string;
  createdAt: string;
}

export async function getMyImage(
  deps: { images: ImageReadStore; objects: ImageLinks },
  userId: string,
  imageId: string,
): Promise<ImageDetailView> {
  const image = readableItem(await deps.images.get(userId, imageId));
  if (!image) throw new NotFoundError('No such image.');
  const link = await deps.objects.presignGet(image.objectKey);
  return {
    ...toImageView(image, link),
    conversationId: image.conversationId,
    generationId: image.generationId,
    createdAt: image.createdAt,
  };
}
