import type { ItemKey } from './base';
import { userPartition } from './base';

/* ---- Telegram linking (issue 13, part C; docs/data-model.md rows 60–64, docs/telegram-linking.md) ---- */

/**
 * A live link code, by its hash (never the code): redeeming is one strongly consistent GetItem
 * and a conditional delete, so a code is used once. Expired by TTL; readers compare `expiresAt`.
 */
export const linkCode = (codeHash: string): ItemKey => ({ pk: `LINKCODE#${codeHash}`, sk: 'CODE' });

/**
 * The user's current code, in their partition (so account deletion erases it): it names the
 * hash of the code it replaces, so a new code deletes the previous one.
 */
export const currentLinkCode = (userId: string): ItemKey => ({ pk: userPartition(userId), sk: 'TELEGRAM_LINK_CODE' });

/** Wrong codes one Telegram user sent in one window: a counter with a TTL (issue 15 generalises limits). */
export const wrongLinkCodes = (telegramUserId: string, windowStart: string): ItemKey => ({
  pk: `LINKCODE_MISSES#${telegramUserId}`,
  sk: windowStart,
});
