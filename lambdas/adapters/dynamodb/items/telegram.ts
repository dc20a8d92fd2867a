/* ---- Issue 13: the Telegram bot (docs/telegram.md) ---- */
import { telegramProvider } from '../../../domain/telegram/contracts';
import type { TelegramIdentity } from '../../../domain/telegram/identity';
import type { UpdateReceipt } from '../../../domain/telegram/ports';
import * as keys from '../keys';
import type { Item } from './bookkeeping';

/** Kept here rather than in ./entity-types while issue 13's parts land in parallel; the lead may fold them in. */
export const externalIdentityType = 'EXTERNAL_IDENTITY';
export const telegramUpdateType = 'TELEGRAM_UPDATE';

/** Long enough to outlast Telegram's 24 h of redeliveries with room to spare; short enough to hold little. */
export const telegramUpdateRetentionSeconds = 7 * 24 * 60 * 60;

/** The pointer item from a Telegram id to its account (/work/notes/session12-design.md "Telegram identity"). */
export const telegramIdentity = {
  to: (identity: TelegramIdentity): Item => ({
    ...keys.externalIdentity(telegramProvider, identity.telegramUserId, identity.userId),
    entityType: externalIdentityType,
    provider: telegramProvider,
    externalId: identity.telegramUserId,
    userId: identity.userId,
    chatId: identity.chatId,
    createdAt: identity.createdAt,
    ...(identity.username === undefined ? {} : { username: identity.username }),
    ...(identity.languageCode === undefined ? {} : { languageCode: identity.languageCode }),
    ...(identity.chosenLanguage === undefined ? {} : { chosenLanguage: identity.chosenLanguage }),
    ...(identity.unreachableAt === undefined ? {} : { unreachableAt: identity.unreachableAt }),
    ...(identity.conversationId === undefined ? {} : { conversationId: identity.conversationId }),
  }),
  from: (item: Item): TelegramIdentity => ({
    telegramUserId: item.externalId as string,
    userId: item.userId as string,
    chatId: item.chatId as number,
    createdAt: item.createdAt as string,
    ...(typeof item.username === 'string' ? { username: item.username } : {}),
    ...(typeof item.languageCode === 'string' ? { languageCode: item.languageCode } : {}),
    ...(item.chosenLanguage === 'en' || item.chosenLanguage === 'es' ? { chosenLanguage: item.chosenLanguage } : {}),
    ...(typeof item.unreachableAt === 'string' ? { unreachableAt: item.unreachableAt } : {}),
    ...(typeof item.conversationId === 'string' ? { conversationId: item.conversationId } : {}),
  }),
};

/** A seen update: its id, when, and how it ended; no user id and no content. */
export const telegramUpdateReceipt = {
  to: (receipt: UpdateReceipt): Item => ({
    ...keys.telegramUpdate(receipt.updateId),
    entityType: telegramUpdateType,
    updateId: receipt.updateId,
    kind: receipt.kind,
    receivedAt: receipt.receivedAt,
    ttl: Math.floor(Date.parse(receipt.receivedAt) / 1000) + telegramUpdateRetentionSeconds,
  }),
};
