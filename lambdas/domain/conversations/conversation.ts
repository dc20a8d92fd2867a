/**
 * A conversation: a titled thread of generations, and what a client may send to create or
 * rename one (how it is shown is conversation-view.ts). Pure domain code.
 * Deleting one first marks it DELETING (so a worker finishing late cannot attach new images),
 * then removes its items; a cleanup worker removes its objects.
 */

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
