/** Plain text: a prompt for the default model (consents first: ../chat-generation.ts). */
import { askForImage } from '../chat-generation';
import type { MessageHandler } from './index';

export const textPrompt: MessageHandler = {
  takes: (message) => (message.text?.trim() ?? '') !== '',
  handle: (ctx, message) => askForImage(ctx, { prompt: message.text?.trim() ?? '' }),
};
