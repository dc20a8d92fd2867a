/** A stored image on its own: GET /v1/images/{id} answers it with a fresh URL (one GetItem, no URL stored). */
import { NotFoundError } from '../../shared/errors';
import { toImageView, type ImageView, type StoredImage } from '../generations/generation';
import type { ImageLinks } from '../storage/ports';

export interface ImageRecord extends StoredImage {
  userId: string;
  conversationId: string;
  generationId: string;
  createdAt: string;
}

export interface ImageStore {
  get(userId: string, imageId: string): Promise<ImageRecord | undefined>;
}

export interface ImageDetailView extends ImageView {
  conversationId: string;
  generationId: string;
  createdAt: string;
}

export async function getMyImage(deps: { images: ImageStore; objects: ImageLinks }, userId: string, imageId: string): Promise<ImageDetailView> {
  const image = await deps.images.get(userId, imageId);
  if (!image) throw new NotFoundError('No such image.');
  const link = await deps.objects.presignGet(image.objectKey);
  return { ...toImageView(image, link), conversationId: image.conversationId, generationId: image.generationId, createdAt: image.createdAt };
}
