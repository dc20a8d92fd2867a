/**
 * DELETE /v1/conversations/{id}: the conversation, its generations and images, and its stored
 * objects, in an order that leaves no orphan whichever step fails.
 */
import { NotFoundError } from '../../shared/errors';
import type { DeferredHandOver } from '../outbox/ports';
import { refuseInactive } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import { objectKeys } from '../storage/object-keys';
import type { CleanupQueue } from '../storage/ports';
import type { ConversationStore } from './ports';

/** What steps 2–4 need; the outbox sweeper wires these alone. */
export interface FinishConversationDeletionDeps {
  conversations: Pick<ConversationStore, 'deleteItems'>;
  cleanup: CleanupQueue;
}

export interface DeleteConversationDeps extends FinishConversationDeletionDeps {
  conversations: Pick<ConversationStore, 'markDeleting' | 'deleteItems'>;
  deferred: DeferredHandOver;
  now: Clock;
}

/**
 * DELETE /v1/conversations/{id}. Primary course:
 *  1. mark the conversation DELETING (a generation finishing now can no longer attach images);
 *  2. delete its generation and image items;
 *  3. queue the removal of its objects (retried with backoff by the cleanup worker);
 *  4. delete the conversation item.
 * Step 1 also puts the conversation in the outbox (../outbox/outbox.ts): a failure before 4
 * leaves the DELETING conversation in place, and the outbox sweeper (or the client's retry)
 * redoes every step, each idempotent; step 4 takes it out of the outbox with its item. Step 1
 * carries the account guard (SECURITY B4): an account that is not ACTIVE is refused.
 */
export async function deleteConversation(
  deps: DeleteConversationDeps,
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
  deps: FinishConversationDeletionDeps,
  userId: string,
  conversationId: string,
): Promise<void> {
  return deps.conversations.deleteItems(userId, conversationId, () =>
    deps.cleanup.enqueue({ prefixes: [objectKeys.conversationPrefix(userId, conversationId)] }),
  );
}
