/**
 * What the use cases need from object storage and the job queues. The S3 and SQS adapters
 * implement these; unit tests use in-memory ones.
 */
import type { ImageLink } from '../generations/generation-view';

/** A browser-compatible presigned POST: send `fields` then the file as multipart/form-data to `url`. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** What read routes need: links only, so their bundles carry no S3 client. */
export interface ImageLinks {
  /** A GET URL valid for at most 15 minutes, minted now (never stored). */
  presignGet(key: string): Promise<ImageLink>;
}

export interface ObjectStore extends ImageLinks {
  /** A POST policy pinning the exact key, content type and size range, valid for a few minutes. */
  presignUpload(key: string, contentType: string, maxBytes: number): Promise<PresignedUpload>;
  putPng(key: string, png: Uint8Array): Promise<void>;
  /** The object's bytes, or undefined when there is no such object. Refuses objects over `maxBytes`. */
  getBytes(key: string, maxBytes: number): Promise<{ bytes: Uint8Array } | { tooLarge: true } | undefined>;
  /** Copies within the bucket; false when the source does not exist. */
  copy(fromKey: string, toKey: string): Promise<boolean>;
  deleteKeys(keys: readonly string[]): Promise<void>;
  /** Deletes every object under the prefix, a page at a time; answers how many it deleted. */
  deletePrefix(prefix: string): Promise<number>;
}

export interface GenerationJob {
  userId: string;
  generationId: string;
}

/** Objects to remove: whole prefixes (a conversation) and/or single keys (an image). */
export interface CleanupJob {
  prefixes?: string[];
  keys?: string[];
}

export interface GenerationQueue {
  enqueue(job: GenerationJob): Promise<void>;
}

export interface CleanupQueue {
  enqueue(job: CleanupJob): Promise<void>;
}
