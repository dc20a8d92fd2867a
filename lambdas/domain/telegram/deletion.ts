/**
 * /delete: the account's deletion from the bot, after a confirmation button, through DELETE
 * /v1/me's own use case (the account is marked DELETING at once, the workflow does the rest).
 */
import type { DeletionStatusView } from '../account-deletion/deletion';
import type { ButtonHandler } from './buttons';
import type { CommandTable } from './commands/command';

export interface DeletionBotDeps {
  /** DELETE /v1/me's use case. */
  requestAccountDeletion: (userId: string) => Promise<DeletionStatusView>;
}

export const deletionCallbacks = { confirm: 'delete:confirm' } as const;

export const deletionCommands: CommandTable = {
  async delete(ctx) {
    if (!(await ctx.activeProfile())) return 'handled';
    await ctx.reply(ctx.m.deleteAsk, [[{ text: ctx.m.deleteButton, data: deletionCallbacks.confirm }]]);
    return 'handled';
  },
};

export const onDeletionButton: ButtonHandler = async (ctx, data) => {
  if (data !== deletionCallbacks.confirm) return 'ignored';
  // An account already deleting answers its status again: repeating is harmless (SECURITY E2).
  await ctx.deps.requestAccountDeletion(ctx.identity.userId);
  await ctx.reply(ctx.m.deleteStarted);
  return 'handled';
};
