/** PATCH /v1/conversations/{id}: a new title (or none) for a conversation of the caller's. */
import { NotFoundError } from '../../shared/errors';
import { refuseInactive } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import { toConversationSummary, type ConversationSummary } from './conversation-view';
import type { ConversationStore } from './ports';

export interface RenameConversationDeps {
  conversations: Pick<ConversationStore, 'rename'>;
  now: Clock;
}

/**
 * PATCH /v1/conversations/{id}. Primary course: 1. one conditional update of the title, under
 * the account guard (refused unless the account is ACTIVE; 404 when the conversation is absent
 * or being deleted); 2. answer the renamed conversation's summary.
 */
export async function renameConversation(
  deps: RenameConversationDeps,
  userId: string,
  conversationId: string,
  title: string | null,
): Promise<ConversationSummary> {
  const renamed = await deps.conversations.rename(userId, conversationId, title, deps.now().toISOString());
  refuseInactive(renamed);
  if (renamed.outcome !== 'renamed') throw new NotFoundError('No such conversation.');
  return toConversationSummary(renamed.conversation);
}
