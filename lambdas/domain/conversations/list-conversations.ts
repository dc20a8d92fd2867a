/** GET /v1/conversations: the caller's conversations, newest first, a page at a time. */
import { mayReadOwnData } from '../profile/account-status';
import { toConversationSummary, type ConversationSummary } from './conversation-view';
import type { ConversationReadStore } from './ports';

export interface ListConversationsDeps {
  conversations: ConversationReadStore;
}

/**
 * GET /v1/conversations. Primary course: 1. one Query for the page, with the account's status
 * read beside it; 2. refuse an account that is not ACTIVE; 3. answer the summaries and the next
 * cursor. No profile yet: an empty list (nothing can have been written without one).
 */
export async function listConversations(
  deps: ListConversationsDeps,
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<{ conversations: ConversationSummary[]; nextCursor: string | null }> {
  const { account, items, nextCursor } = await deps.conversations.list(userId, page.limit, page.cursor);
  if (!mayReadOwnData(account)) return { conversations: [], nextCursor: null };
  return { conversations: items.map(toConversationSummary), nextCursor: nextCursor ?? null };
}
