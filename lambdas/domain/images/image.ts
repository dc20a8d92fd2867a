/** A stored image on its own, as the library and GET /v1/images/{id} read it (no URL is ever stored). */
import type { StoredImage } from '../generations/generation';

export interface ImageRecord extends StoredImage {
  userId: string;
  conversationId: string;
  generationId: string;
  createdAt: string;
  /** The model that made it, for the action counters; absent on images stored before the library. */
  modelId?: string;
  /** When its owner favorited it (PUT /v1/images/{id}/favorite); absent when it is not a favorite. */
  favoritedAt?: string;
  /** Live share links, kept by the share-link routes in their transactions; absent = 0. */
  shareLinkCount?: number;
  /** Set by a moderator's take-down; from then on the image is shown as removed, with no URL. */
  takenDownAt?: string;
  takedownReason?: string;
  /** Action-log entries recorded for it, so deleting it knows whether there are entries to find. */
  actionCount?: number;
}
