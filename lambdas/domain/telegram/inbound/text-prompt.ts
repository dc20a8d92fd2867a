/** Plain text: a prompt, taken only once the person has confirmed their age and accepted the policy. */
import { askMissingConsents } from '../consent';
import type { MessageHandler } from './index';

export const textPrompt: MessageHandler = {
  takes: (message) => (message.text?.trim() ?? '') !== '',
  async handle(ctx) {
    if ((await askMissingConsents(ctx)) === 'asked') return 'handled';
    await ctx.reply(ctx.m.notYet);
    return 'handled';
  },
};
