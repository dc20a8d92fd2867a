/** /history: the chat's last generations, newest first, with how each ended. */
import type { CommandTable } from './command';

/** As many as fit a glance in a chat. */
const shown = 5;
/** A prompt is shown by its start only. */
const promptPreview = 60;

export const historyCommands: CommandTable = {
  async history(ctx) {
    const profile = await ctx.activeProfile();
    if (!profile) return 'handled';
    const { conversationId, userId } = ctx.identity;
    const generations = conversationId ? await ctx.deps.generationsIn(userId, conversationId) : undefined;
    const last = (generations ?? []).slice(-shown).reverse();
    if (last.length === 0) {
      await ctx.reply(ctx.m.historyEmpty);
      return 'handled';
    }
    const lines = last.map((generation) => {
      const prompt =
        generation.prompt.length > promptPreview ? `${generation.prompt.slice(0, promptPreview)}…` : generation.prompt;
      return `• ${generation.createdAt.slice(0, 10)} ${prompt} (${ctx.m.historyStatus[generation.status]})`;
    });
    await ctx.reply([ctx.m.historyHeading, ...lines].join('\n'));
    return 'handled';
  },
};
