/**
 * A conversation: a titled thread of generations. Pure domain code.
 * Deleting one first marks it DELETING (so a worker finishing late cannot attach new images),
 * then removes its items; a cleanup worker removes its objects.
 */
import type { GenerationView } from '../generations/generation';

export interface Conversation {
  conversationId: string;
  userId: string;
  title: string | null;
  status: 'ACTIVE' | 'DELETING';
  createdAt: string;
  updatedAt: string;
}

/** Request bodies; their schemas are in ./requests.ts. */
export type { CreateConversationRequest, RenameConversationRequest } from './requests';

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
