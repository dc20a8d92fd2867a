/**
 * How a generation is shown to the apps: its view, with a freshly presigned URL per image.
 * Apart from the generation itself (generation.ts) so a route that only shows generations
 * carries none of the request schemas.
 */
import type { ImageLink, ImageLinks } from '../storage/ports';
import type { Generation, GenerationFailure, GenerationStatus, RemovedImage, StoredImage } from './generation';
import type { AspectRatio } from './models';

export interface ImageView {
  id: string;
  url: string;
  urlExpiresAt: string;
  width: number;
  height: number;
  contentType: 'image/png';
}

/** An image a moderator took down: still listed, so the app can say why, with no URL. */
export interface RemovedImageView {
  id: string;
  status: 'removed';
  removal: { reason: string; at: string };
  width: number;
  height: number;
}

export interface GenerationView {
  id: string;
  conversationId: string;
  status: GenerationStatus;
  prompt: string;
  negativePrompt: string | null;
  model: string;
  aspectRatio: AspectRatio;
  seed: number;
  referenceUploadIds: string[];
  strength: number | null;
  credits: number;
  images: Array<ImageView | RemovedImageView>;
  error: GenerationFailure | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Milliseconds spent waiting for a worker and running; null until known. */
  timings: { queuedMs: number | null; runningMs: number | null };
}

export function toImageView(image: StoredImage, link: ImageLink): ImageView {
  return {
    id: image.imageId,
    url: link.url,
    urlExpiresAt: link.expiresAt,
    width: image.width,
    height: image.height,
    contentType: 'image/png',
  };
}

function toRemovedImageView(image: StoredImage, removed: RemovedImage): RemovedImageView {
  return {
    id: image.imageId,
    status: 'removed',
    removal: { reason: removed.reason, at: removed.at },
    width: image.width,
    height: image.height,
  };
}

const between = (from: string | undefined, to: string | undefined): number | null =>
  from && to ? Math.max(0, Date.parse(to) - Date.parse(from)) : null;

/** `links` holds a freshly presigned URL per image id; URLs are never stored (SECURITY F1). */
export function toGenerationView(generation: Generation, links: ReadonlyMap<string, ImageLink>): GenerationView {
  return {
    id: generation.generationId,
    conversationId: generation.conversationId,
    status: generation.status,
    prompt: generation.prompt,
    negativePrompt: generation.negativePrompt ?? null,
    model: generation.modelId,
    aspectRatio: generation.aspectRatio,
    seed: generation.seed,
    referenceUploadIds: generation.referenceUploadIds,
    strength: generation.strength ?? null,
    credits: generation.credits,
    images: generation.images.flatMap((image): Array<ImageView | RemovedImageView> => {
      const removed = generation.removedImages?.find((entry) => entry.imageId === image.imageId);
      if (removed) return [toRemovedImageView(image, removed)];
      const link = links.get(image.imageId);
      return link ? [toImageView(image, link)] : [];
    }),
    error: generation.failure ?? null,
    createdAt: generation.createdAt,
    startedAt: generation.startedAt ?? null,
    finishedAt: generation.finishedAt ?? null,
    timings: {
      queuedMs: between(generation.createdAt, generation.startedAt),
      runningMs: between(generation.startedAt, generation.finishedAt),
    },
  };
}

/** A presigned GET per image, minted now; presigning is computed locally, so this costs no request. */
export async function freshLinks(objects: ImageLinks, images: readonly StoredImage[]): Promise<Map<string, ImageLink>> {
  return new Map(
    await Promise.all(images.map(async (image) => [image.imageId, await objects.presignGet(image.objectKey)] as const)),
  );
}
