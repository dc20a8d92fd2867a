/**
 * What the bot does with a message that is not a command, by what the message holds: the first
 * handler (in this order) that takes it acts, so specific kinds (payments, photos) come before
 * plain text. One line per feature module.
 */
import type { BotContext } from '../bot-context';
import type { UpdateOutcome } from '../bot-deps';
import type { TelegramMessage } from '../update';
import { textPrompt } from './text-prompt';

export interface MessageHandler {
  /** Whether this handler acts on the message (read only the message: no I/O). */
  takes(message: TelegramMessage): boolean;
  handle(ctx: BotContext, message: TelegramMessage): Promise<UpdateOutcome>;
}

export const messageHandlers: readonly MessageHandler[] = [textPrompt];
