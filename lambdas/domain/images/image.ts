/** A stored image on its own, as GET /v1/images/{id} shows it (with a fresh URL: no URL is ever stored). */
import type { StoredImage } from '../generations/generation';
import type { ImageView } from '../generations/generation-view';

export interface ImageRecord extends StoredImage {
  userId: string;
  conversationId: string;
  generationId: string;
  createdAt: string;
}

export interface ImageDetailView extends ImageView {
  conversationId: string;
  generationId: string;
  createdAt: string;
}
