/**
 * The seams between the Telegram bot and the features it drives but does not own: linking a chat
 * to an app account, and support requests. The bot depends on these interfaces only, so each side
 * is built and tested on its own and the composition root wires the real implementations.
 *
 * The Telegram identity itself is one pointer item per Telegram user, built by
 * `keys.externalIdentity(telegramProvider, String(telegramUserId), userId)`: its `userId` names
 * the Pictor account the chat acts as, and it also holds what the bot policy names about the
 * Telegram side (username, language code, chat id, reachability). Linking re-points it at the app
 * account (keeping those attributes); unlinking and account deletion remove it.
 */

/** The `provider` segment of a Telegram user's pointer key. */
export const telegramProvider = 'telegram';

/** Why a link code was refused; each is a stable code the bot and the API turn into a message. */
export type LinkRefusal = 'invalid_code' | 'expired_code' | 'used_code' | 'rate_limited' | 'already_linked';

export type LinkOutcome =
  /** The chat now acts as `userId`; `merge` says whether the Telegram account's own data is being moved over. */
  | { readonly kind: 'linked'; readonly userId: string; readonly merge: 'none' | 'started' }
  | { readonly kind: 'refused'; readonly reason: LinkRefusal };

export type UnlinkOutcome = { readonly kind: 'unlinked' } | { readonly kind: 'not_linked' };

/** What the bot's `/link <code>`, `/start link_<code>` and `/unlink` call. */
export interface TelegramLinking {
  redeemLinkCode(input: { telegramUserId: string; code: string; now: Date }): Promise<LinkOutcome>;
  unlinkTelegram(input: { telegramUserId: string; now: Date }): Promise<UnlinkOutcome>;
}

/** The categories a support request may have (issue 14); the bot offers the same list. */
export const supportCategories = ['privacy', 'billing', 'bug', 'feedback', 'safety', 'other'] as const;
export type SupportCategory = (typeof supportCategories)[number];

/** Where a support request came from. */
export type SupportChannel = 'api' | 'telegram';

/** What the bot's `/support` calls: the same use case as `POST /v1/support-requests`. */
export interface SupportRequestFiling {
  fileSupportRequest(input: {
    userId: string;
    category: SupportCategory;
    message: string;
    channel: SupportChannel;
    now: Date;
  }): Promise<{ readonly requestId: string }>;
}
