/** POST /v1/conversations: a new, empty conversation of the caller's. */
import { asActiveAccount, type EnsureProfileDeps } from '../profile/ensure-profile';
import type { Clock } from '../shared/clock';
import type { Conversation, CreateConversationRequest } from './conversation';
import { toConversationSummary, type ConversationSummary } from './conversation-view';
import type { ConversationCreationStore } from './ports';

export interface CreateConversationDeps {
  conversations: ConversationCreationStore;
  profiles: EnsureProfileDeps;
  now: Clock;
  newId: () => string;
}

/**
 * POST /v1/conversations. Primary course: 1. build the ACTIVE conversation with a new id;
 * 2. put it under the account guard (one transaction: refused unless the account is ACTIVE);
 * 3. answer its summary. First call ever: the profile is created with its starter grant, then
 * the put runs once more.
 */
export async function createConversation(
  deps: CreateConversationDeps,
  userId: string,
  request: CreateConversationRequest,
): Promise<ConversationSummary> {
  const now = deps.now().toISOString();
  const conversation: Conversation = {
    conversationId: deps.newId(),
    userId,
    title: request.title ?? null,
    status: 'ACTIVE',
    createdAt: now,
    updatedAt: now,
  };
  await asActiveAccount(deps.profiles, userId, () => deps.conversations.create(conversation));
  return toConversationSummary(conversation);
}
