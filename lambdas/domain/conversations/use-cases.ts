/**
 * Conversation use cases: create, list (newest first), get with its generations (one Query),
 * rename, delete. Deleting removes the items in the request and hands the objects to the
 * cleanup worker, in an order that leaves no orphan whichever step fails:
 *  1. mark the conversation DELETING (a generation finishing now can no longer attach images);
 *  2. delete its generation and image items;
 *  3. queue the removal of its objects (retried with backoff by the cleanup worker);
 *  4. delete the conversation item.
 * Step 1 also puts the conversation in the outbox (../outbox/outbox.ts): a failure before 4
 * leaves the DELETING conversation in place, and the outbox sweeper (or the client's retry)
 * redoes every step, each idempotent; step 4 takes it out of the outbox with its item. Reads and writes refuse an account that is not ACTIVE
 * (SECURITY B4): reads see its status with the data, writes carry the account guard.
 */
import { NotFoundError } from '../../shared/errors';
import type { DeferredHandOver } from '../outbox/outbox';
import { toGenerationView } from '../generations/generation-view';
import { freshLinks } from '../generations/get-generation';
import { mayReadOwnData, readableItem, refuseInactive } from '../profile/account-status';
import { asActiveAccount, type EnsureProfileDeps } from '../profile/ensure-profile';
import { objectKeys } from '../storage/object-keys';
import type { CleanupQueue, ImageLinks } from '../storage/ports';
import type { Conversation, CreateConversationRequest } from './conversation';
import { toConversationSummary, type ConversationSummary, type ConversationView } from './conversation-view';
import type { ConversationCreationStore, ConversationReadStore, ConversationStore } from './conversation-store';

export interface ConversationDeps {
  conversations: ConversationStore;
  cleanup: CleanupQueue;
  profiles: EnsureProfileDeps;
  now: () => Date;
  newId: () => string;
}

export async function createConversation(
  deps: Pick<ConversationDeps, 'profiles' | 'now' | 'newId'> & { conversations: ConversationCreationStore },
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

export async function listConversations(
  deps: { conversations: ConversationReadStore },
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<{ conversations: ConversationSummary[]; nextCursor: string | null }> {
  const { account, items, nextCursor } = await deps.conversations.list(userId, page.limit, page.cursor);
  if (!mayReadOwnData(account)) return { conversations: [], nextCursor: null };
  return { conversations: items.map(toConversationSummary), nextCursor: nextCursor ?? null };
}

export async function getConversation(
  deps: { conversations: ConversationReadStore; objects: ImageLinks },
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

export async function renameConversation(
  deps: Pick<ConversationDeps, 'conversations' | 'now'>,
  userId: string,
  conversationId: string,
  title: string | null,
): Promise<ConversationSummary> {
  const renamed = await deps.conversations.rename(userId, conversationId, title, deps.now().toISOString());
  refuseInactive(renamed);
  if (renamed.outcome !== 'renamed') throw new NotFoundError('No such conversation.');
  return toConversationSummary(renamed.conversation);
}

export async function deleteConversation(
  deps: Pick<ConversationDeps, 'conversations' | 'cleanup' | 'now'> & { deferred: DeferredHandOver },
  userId: string,
  conversationId: string,
): Promise<void> {
  const marked = await deps.conversations.markDeleting(userId, conversationId, deps.now().toISOString());
  refuseInactive(marked);
  if (marked.outcome !== 'marked') throw new NotFoundError('No such conversation.');
  // Marked, the conversation is gone for its owner and in the outbox: a step failing from here on
  // is finished by the sweeper, so the answer is the same.
  await finishConversationDeletion(deps, userId, conversationId).catch((error: unknown) =>
    deps.deferred({ kind: 'conversation-deletion', userId, conversationId }, error),
  );
}

/** Steps 2–4 of deleting a conversation already marked DELETING; the outbox sweeper runs them too. */
export function finishConversationDeletion(
  deps: Pick<ConversationDeps, 'conversations' | 'cleanup'>,
  userId: string,
  conversationId: string,
): Promise<void> {
  return deps.conversations.deleteItems(userId, conversationId, () =>
    deps.cleanup.enqueue({ prefixes: [objectKeys.conversationPrefix(userId, conversationId)] }),
  );
}
