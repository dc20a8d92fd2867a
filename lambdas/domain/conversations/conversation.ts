/**
 * A conversation: a titled thread of generations. Pure domain code.
 * Deleting one first marks it DELETING (so a worker finishing late cannot attach new images),
 * then removes its items; a cleanup worker removes its objects.
 */
import * as z from 'zod/mini';
import { singleLineText } from '../shared/text';
import type { GenerationView } from '../generations/generation-view';

export interface Conversation {
  conversationId: string;
  userId: string;
  title: string | null;
  status: 'ACTIVE' | 'DELETING';
  createdAt: string;
  updatedAt: string;
}

const title = singleLineText(120);

export const createConversationSchema = z.strictObject({ title: z.optional(z.nullable(title)) });
export type CreateConversationRequest = z.infer<typeof createConversationSchema>;

export const renameConversationSchema = z.strictObject({ title: z.nullable(title) });
export type RenameConversationRequest = z.infer<typeof renameConversationSchema>;

export interface ConversationSummary {
  id: string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationView extends ConversationSummary {
  /** Oldest first, as a chat reads. */
  generations: GenerationView[];
}

export function toConversationSummary(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.conversationId,
    title: conversation.title,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
  };
}
