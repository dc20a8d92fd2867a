/**
 * The storage area's ports: what the use cases need from object storage and the cleanup queue.
 * The S3 and SQS adapters implement them; unit tests use in-memory ones (test/fixtures/).
 * Types only. The generation queue is the generation area's (../generations/ports.ts).
 */
import type { CleanupJob } from './cleanup-job';

/** A browser-compatible presigned POST: send `fields` then the file as multipart/form-data to `url`. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** A presigned GET of one object: where to fetch it, and until when. */
export interface ImageLink {
  url: string;
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

/** Where the removal of objects nothing points at any more is queued (the cleanup worker's queue). */
export interface CleanupQueue {
  enqueue(job: CleanupJob): Promise<void>;
}
