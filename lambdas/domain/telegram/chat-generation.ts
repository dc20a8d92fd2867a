/**
 * A prompt from chat, turned into a generation by the API's own use case: the same model
 * registry, moderation before any charge, debit, refund and idempotency (the update id is the
 * key, so a redelivered update cannot pay twice). The job goes to the generation queue and the
 * worker answers in the chat (./generation-replies.ts). The person's prompts go to one
 * conversation of theirs, made on the first prompt and made again if they deleted it.
 */
import * as v from 'valibot';
import {
  AccountInactiveError,
  InsufficientCreditsError,
  NotFoundError,
  TemporarilyUnavailableError,
  UnprocessableError,
} from '../../shared/errors';
import type { CreateGenerationInput } from '../generations/create-generation';
import type { Generation, GenerationRequest } from '../generations/generation';
import { generationRequestSchema } from '../generations/requests';
import type { BotContext } from './bot-context';
import type { UpdateOutcome } from './bot-deps';
import { askMissingConsents } from './consent';
import { languageOf } from './identity';

export interface GenerationBotDeps {
  /** POST /v1/conversations/{id}/generations' use case. */
  createGeneration: (input: CreateGenerationInput) => Promise<{ generation: Generation; replayed: boolean }>;
  /** POST /v1/conversations' use case: the new conversation's id. */
  createConversation: (userId: string, title: string) => Promise<string>;
  /** The conversation's generations, oldest first (GET /v1/conversations/{id}'s read); undefined when it is gone. */
  generationsIn: (userId: string, conversationId: string) => Promise<readonly Generation[] | undefined>;
}

/** The title of the conversation a chat's prompts go to, as the app shows it. */
export const chatConversationTitle = 'Telegram';

/** Asks for an image from a chat message: consents first, then the generation. */
export async function askForImage(
  ctx: BotContext,
  request: Pick<GenerationRequest, 'prompt' | 'referenceUploadIds'>,
): Promise<UpdateOutcome> {
  if ((await askMissingConsents(ctx)) === 'asked') return 'handled';
  const checked = v.safeParse(generationRequestSchema, request);
  if (!checked.success) {
    await ctx.reply(ctx.m.promptInvalid);
    return 'handled';
  }
  try {
    let conversationId = await chatConversation(ctx);
    const ask = (id: string) =>
      ctx.deps.createGeneration({
        userId: ctx.identity.userId,
        conversationId: id,
        request: checked.output,
        idempotencyKey: `telegram-update-${ctx.updateId}`,
        chatReply: { chatId: ctx.identity.chatId, language: languageOf(ctx.identity) },
      });
    const { generation } = await ask(conversationId).catch(async (error: unknown) => {
      // The person deleted the chat's conversation (in the app, after linking): start a new one.
      if (!(error instanceof NotFoundError)) throw error;
      conversationId = await chatConversation(ctx, conversationId);
      return ask(conversationId);
    });
    await ctx.reply(ctx.m.generationQueued(generation.credits));
  } catch (error) {
    await ctx.reply(refusalText(ctx, error));
  }
  return 'handled';
}

/** The chat's conversation, made when it has none (or `replacing`, which is gone). */
async function chatConversation(ctx: BotContext, replacing?: string): Promise<string> {
  const { identity, deps } = ctx;
  if (identity.conversationId !== undefined && identity.conversationId !== replacing) return identity.conversationId;
  const made = await deps.createConversation(identity.userId, chatConversationTitle);
  return deps.identities.setConversation(identity.telegramUserId, made, replacing);
}

/** What the person is told when the generation was refused; anything unexpected is thrown on. */
function refusalText(ctx: BotContext, error: unknown): string {
  const { m } = ctx;
  if (error instanceof InsufficientCreditsError) return m.notEnoughCredits(error.required, error.balance);
  if (error instanceof UnprocessableError && error.code === 'prompt_blocked') return m.promptBlocked;
  if (error instanceof UnprocessableError) return m.promptInvalid;
  if (error instanceof TemporarilyUnavailableError) return m.generationUnavailable;
  if (error instanceof AccountInactiveError) return m.accountInactive;
  throw error;
}
