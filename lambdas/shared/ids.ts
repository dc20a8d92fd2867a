/**
 * Ids Pictor hands out. Time-ordered ULIDs (48-bit time, 80 random bits) where a list sorts by
 * creation (conversations, generations, uploads); 128 random bits where nothing should be
 * inferable from the id (images, whose ids appear in object keys and URLs).
 */
import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/** Monotonic: ids made in the same millisecond still sort in creation order. */
export const timeOrderedId: () => string = monotonicFactory();

export function randomId(): string {
  return randomBytes(16).toString('base64url');
}
