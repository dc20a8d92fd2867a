/**
 * Every inline button's handler, keyed by its callback data's prefix (the text before the first
 * `:`), one line per feature module. Callback data is at most 64 bytes, so a button carries ids,
 * never content.
 */
import type { BotContext } from '../bot-context';
import type { UpdateOutcome } from '../bot-deps';
import { onConsentButton } from '../consent';
import { onDeletionButton } from '../deletion';

/** `data` is the whole callback data, prefix included. */
export type ButtonHandler = (ctx: BotContext, data: string) => Promise<UpdateOutcome>;

export const buttons: Readonly<Record<string, ButtonHandler>> = {
  consent: onConsentButton,
  delete: onDeletionButton,
};

/** The handler for a button's callback data, if any feature owns its prefix. */
export const buttonHandlerFor = (data: string): ButtonHandler | undefined =>
  Object.hasOwn(buttons, data.split(':')[0] ?? '') ? buttons[data.split(':')[0] ?? ''] : undefined;
