import type { ItemKey } from './base';

/**
 * One fixed-window request counter (lambdas/domain/limits/limits.ts): its own partition per
 * class and subject, the window's start as the sort key. The subject is a user id or a keyed
 * hash of an IP; the item holds a count and a TTL, nothing else.
 */
export const limitCounter = (
  limitClass: string,
  scope: 'user' | 'ip',
  subjectId: string,
  windowStart: number,
): ItemKey => ({
  pk: `LIMIT#${limitClass}#${scope}#${subjectId}`,
  sk: `W#${windowStart}`,
});
