/** Issue 13, the Telegram bot: the seen-updates set (the identity pointer is `externalIdentity` in ./account). */
import type { ItemKey } from './base';

/**
 * One item per Telegram `update_id` already taken in, in its own partition: a set of seen ids
 * with a TTL, not a high-water mark, since ids turn random after a quiet week and chats arrive
 * concurrently (CONTRACTS-2 §2.3). It holds no user id.
 */
export const telegramUpdate = (updateId: number): ItemKey => ({ pk: `TGUPDATE#${updateId}`, sk: 'RECEIPT' });
