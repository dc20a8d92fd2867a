/**
 * The action log: what a client did with one of its owner's images (saved it to the photo
 * library, sent it through the share sheet). Two records per action, written together:
 *  - an entry in the owner's partition (who, which image, when, through which channel), part of
 *    the owner's data: exported with it, deleted with the image, its conversation or the account,
 *    and expired after `actionLogLifetimeDays` (docs/retention.md);
 *  - one added to an aggregate daily counter per action type and model, which holds no user id,
 *    no image id and no channel: it answers "how is the feature used" without tracking anyone.
 */
import { lifetimeDays } from '../retention/lifetimes';

export const imageActionTypes = ['save', 'share'] as const;
export type ImageActionType = (typeof imageActionTypes)[number];

/**
 * How long an entry lives: long enough for the owner's library history, support and a safety
 * review of a quarter's shares; long-term usage lives in the counters, which name nobody.
 */
export const actionLogLifetimeDays = lifetimeDays.actionLog;

/** How long a day's counters live: two years, so usage compares year on year; they hold no personal data. */
export const actionCountsLifetimeDays = lifetimeDays.actionCounters;

/**
 * Items each day's counter of one type and model is spread over. A transaction touching an item
 * another transaction is writing is cancelled (and retried), so one counter per day written by
 * every user would serialize them all; eight shards make that rare, and the reader sums them.
 */
export const actionCounterShards = 8;

/** The model of an image stored before images recorded theirs. */
export const unknownModel = 'unknown';

export interface ImageAction {
  actionId: string;
  userId: string;
  imageId: string;
  conversationId: string;
  generationId: string;
  type: ImageActionType;
  /** The client's name for where it went (a share target, "photos"); bounded, never parsed. */
  channel?: string;
  modelId: string;
  createdAt: string;
  /** Epoch seconds; the entry is gone for every reader from then on, whether or not TTL has run. */
  expiresAt: number;
}

/** One day's total of one action type on one model's images (all shards summed). */
export interface ActionCount {
  day: string;
  type: string;
  modelId: string;
  count: number;
}

/** The UTC day an instant counts in, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Epoch seconds `days` after `at`. */
export function epochSecondsAfterDays(at: Date, days: number): number {
  return Math.floor(at.getTime() / 1000) + days * 86_400;
}

/** Whether the entry is still part of the log at `now` (TTL may not have run yet). */
export function isLive(action: Pick<ImageAction, 'expiresAt'>, now: Date): boolean {
  return action.expiresAt > Math.floor(now.getTime() / 1000);
}
