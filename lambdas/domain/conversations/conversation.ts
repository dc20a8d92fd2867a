/**
 * A conversation: a titled thread of generations, and what a client may send to create or
 * rename one (how it is shown is conversation-view.ts). Pure domain code.
 * Deleting one first marks it DELETING (so a worker finishing late cannot attach new images),
 * then removes its items; a cleanup worker removes its objects.
 */
import * as z from 'zod/mini';
import { singleLineText } from '../shared/text';

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
