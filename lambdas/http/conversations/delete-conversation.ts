/**
 * DELETE /v1/conversations/{conversationId}: items now, stored images by the cleanup worker; what
 * fails after the conversation is marked is finished by the outbox sweeper.
 */
import { cleanupQueue } from '../../adapters/sqs/queues';
import { deleteConversation } from '../../domain/conversations/delete-conversation';
import { logDeferredHandOver } from '../../shared/deferred-hand-over';
import { userRoute } from '../../shared/http/route';
import { conversations, now } from './conversation-deps';

export const handler = userRoute({ params: { conversationId: 'conversation' } }, async ({ caller, params }) => {
  await deleteConversation(
    { conversations: conversations(), cleanup: cleanupQueue(), now, deferred: logDeferredHandOver },
    caller.userId,
    params.conversationId,
  );
  return { status: 204 };
});
