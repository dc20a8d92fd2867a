/**
 * How a conversation is shown to the apps. Apart from the request schemas (conversation.ts) so
 * the list, get and delete routes carry none of them.
 */
import type { GenerationView } from '../generations/generation-view';
import type { Conversation } from './conversation';

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
