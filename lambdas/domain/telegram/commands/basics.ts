/** The commands every chat has from the first message: /start, /help, /balance, /privacy, /language. */
import { askMissingConsents } from '../consent';
import { botLanguages } from '../identity';
import { messagesIn } from '../messages';
import type { CommandTable } from './command';

export const basicCommands: CommandTable = {
  async start(ctx) {
    await ctx.reply(ctx.m.welcome);
    await askMissingConsents(ctx);
    return 'handled';
  },
  async help(ctx) {
    await ctx.reply(ctx.m.help);
    return 'handled';
  },
  async balance(ctx) {
    const profile = await ctx.activeProfile();
    if (profile) await ctx.reply(ctx.m.balance(profile.credits));
    return 'handled';
  },
  async privacy(ctx) {
    await ctx.reply(ctx.m.privacy(ctx.deps.privacyPolicyVersion));
    return 'handled';
  },
  async language(ctx, argument) {
    const chosen = botLanguages.find((language) => language === argument.toLowerCase());
    if (!chosen) {
      await ctx.reply(ctx.m.languageUsage);
      return 'handled';
    }
    await ctx.deps.identities.setChosenLanguage(ctx.identity.telegramUserId, chosen);
    await ctx.reply(messagesIn(chosen).languageChosen);
    return 'handled';
  },
};
