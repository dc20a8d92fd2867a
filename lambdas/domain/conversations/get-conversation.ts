/** GET /v1/conversations/{id}: one conversation of the caller's, with its generations. */
import { NotFoundError } from '../../shared/errors';
import { freshLinks, toGenerationView } from '../generations/generation-view';
import { readableItem } from '../profile/account-status';
import type { ImageLinks } from '../storage/ports';
import { toConversationSummary, type ConversationView } from './conversation-view';
import type { ConversationReadStore } from './ports';

export interface GetConversationDeps {
  conversations: ConversationReadStore;
  objects: ImageLinks;
}

/**
 * GET /v1/conversations/{id}. Primary course: 1. one Query for the conversation and its
 * generations, the account's status read beside it; 2. refuse an account that is not ACTIVE,
 * answer 404 for a conversation that is absent or being deleted; 3. presign a GET per image
 * (computed, not fetched); 4. answer the conversation with its generations, oldest first.
 */
export async function getConversation(
  deps: GetConversationDeps,
  userId: string,
  conversationId: string,
): Promise<ConversationView> {
  const found = readableItem(await deps.conversations.getWithGenerations(userId, conversationId));
  if (!found) throw new NotFoundError('No such conversation.');
  const links = await freshLinks(
    deps.objects,
    found.generations.flatMap((generation) => generation.images),
  );
  return {
    ...toConversationSummary(found.conversation),
    generations: found.generations.map((generation) => toGenerationView(generation, links)),
  };
}
