/**
 * The image area's ports: what showing, listing, favoriting and deleting stored images and
 * recording actions on them need from storage (the DynamoDB adapters). Split by use, so each
 * route's bundle carries only its own queries. Unit tests use in-memory ones. Types only.
 */
import type { AccountSeen, OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/ports';
import type { Page } from '../shared/page';
import type { ActionCount, ImageAction } from './action-log';
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

/** Which images a library page lists. */
export type LibraryShelf = 'all' | 'favorites';

/** GET /v1/images: one Query per page, with the account's status read beside it (SECURITY B4). */
export interface ImageLibraryStore {
  /** `all`: newest image first; `favorites`: newest favorite first. */
  list(
    userId: string,
    shelf: LibraryShelf,
    page: { limit: number; cursor?: string },
  ): Promise<Page<ImageRecord> & { account: AccountSeen }>;
}

export type FavoriteOutcome = { outcome: 'done'; image: ImageRecord } | { outcome: 'missing' } | AccountRefusal;

/** PUT and DELETE /v1/images/{id}/favorite: guarded by the account, idempotent, answering the image as it now is. */
export interface FavoriteStore {
  /** Marks it a favorite from `now`; one already a favorite keeps its first `favoritedAt`. */
  favorite(userId: string, imageId: string, now: string): Promise<FavoriteOutcome>;
  /** No longer a favorite; one that is not is left as it is. */
  unfavorite(userId: string, imageId: string): Promise<FavoriteOutcome>;
}

export type RecordActionOutcome = { outcome: 'recorded' } | { outcome: 'missing' } | AccountRefusal;

/** POST /v1/images/{id}/actions. */
export interface ActionLogStore {
  /**
   * The image, for what the entry and the counter name (conversation, generation, model); no
   * account read: `record` carries the account guard, and nothing read here is answered.
   */
  find(userId: string, imageId: string): Promise<ImageRecord | undefined>;
  /**
   * One transaction: the account is ACTIVE, the image still exists (its `actionCount` goes up),
   * its conversation is ACTIVE, the entry is put, and counter shard `shard` of the action's
   * day, type and model goes up by one. `missing` when the image or its conversation is gone.
   */
  record(action: ImageAction, shard: number): Promise<RecordActionOutcome>;
}

/** The owner's action log as export reads it. */
export interface ActionLogReader {
  /** Every entry of the user's, oldest first, expired ones already left out (`expiresAt` ≤ `nowEpochSeconds`). */
  entries(userId: string, nowEpochSeconds: number): Promise<ImageAction[]>;
}

/** Deleting an image takes its action-log entries with it. */
export interface ActionLogCleanup {
  /** Deletes every entry of the image; answers how many there were. */
  removeForImage(userId: string, imageId: string): Promise<number>;
}

/** The operator's read of the aggregate counters (npm run stats). */
export interface ActionCountsReader {
  /** One day's totals per action type and model (shards summed). */
  day(day: string): Promise<ActionCount[]>;
}
