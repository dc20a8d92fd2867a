/**
 * How a stored image is shown on its own: in the library (GET /v1/images), by id
 * (GET /v1/images/{id}) and in the favorite routes' answers. The one place that decides what an
 * image's state looks like to its owner: favorite or not, how many live share links, and whether
 * a moderator took it down (then `status: "removed"` with the reason and no URL at all, so no
 * link to the object is minted). Apart from the request schemas (requests.ts), so the read
 * routes carry none of them.
 */
import type { ImageLink, ImageLinks } from '../storage/ports';
import type { ImageRecord } from './image';

interface ImageViewCommon {
  id: string;
  width: number;
  height: number;
  contentType: 'image/png';
  conversationId: string;
  generationId: string;
  createdAt: string;
  favorite: boolean;
  /** When it became a favorite; null when it is not one. */
  favoritedAt: string | null;
  /** Live share links of the image (0 when it never had one). */
  shareLinks: number;
}

/** An image its owner can see: with a URL minted for this answer (valid 10 minutes). */
export interface AvailableImageView extends ImageViewCommon {
  status: 'available';
  url: string;
  urlExpiresAt: string;
}

/** A taken-down image: why and when, and no URL. */
export interface RemovedImageView extends ImageViewCommon {
  status: 'removed';
  removal: { reason: string; at: string };
}

export type LibraryImageView = AvailableImageView | RemovedImageView;

/** True once a moderator took the image down: it is then never linked again. */
export function isTakenDown(image: ImageRecord): image is ImageRecord & { takenDownAt: string } {
  return image.takenDownAt !== undefined;
}

/** The view of `image`; `link` is its fresh presigned GET, and is ignored (may be absent) for a removed image. */
export function toLibraryImageView(image: ImageRecord, link: ImageLink | undefined): LibraryImageView {
  const common: ImageViewCommon = {
    id: image.imageId,
    width: image.width,
    height: image.height,
    contentType: 'image/png',
    conversationId: image.conversationId,
    generationId: image.generationId,
    createdAt: image.createdAt,
    favorite: image.favoritedAt !== undefined,
    favoritedAt: image.favoritedAt ?? null,
    // Maintained by the share-link routes with ADD ±1; never shown below zero.
    shareLinks: Math.max(0, image.shareLinkCount ?? 0),
  };
  if (isTakenDown(image)) {
    return {
      ...common,
      status: 'removed',
      removal: { reason: image.takedownReason ?? 'other', at: image.takenDownAt },
    };
  }
  if (!link) throw new Error(`image ${image.imageId} is available but no link was minted for it`);
  return { ...common, status: 'available', url: link.url, urlExpiresAt: link.expiresAt };
}

/** The views of `images`, each available one with a link minted now (presigning is computed, not fetched). */
export async function toLibraryImageViews(
  objects: ImageLinks,
  images: readonly ImageRecord[],
): Promise<LibraryImageView[]> {
  return Promise.all(
    images.map(async (image) =>
      toLibraryImageView(image, isTakenDown(image) ? undefined : await objects.presignGet(image.objectKey)),
    ),
  );
}
