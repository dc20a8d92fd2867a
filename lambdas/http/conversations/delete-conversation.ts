/**
 * DELETE /v1/conversations/{conversationId}: items now, stored images by the cleanup worker; what
 * fails after the conversation is marked is finished by the outbox sweeper.
 */
import { cleanupQueue } from '../../adapters/sqs/queues';
import { deleteConversation } from '../../domain/conversations/delete-conversation';
import { logDeferredHandOver } from '../../shared/deferred-hand-over';
import { pathId } from '../../shared/http/path-id';
import { userRoute } from '../../shared/http/route';
import { conversations, now } from './conversation-deps';

export const handler = userRoute({}, async ({ caller, pathParameters }) => {
  await deleteConversation(
    { conversations: conversations(), cleanup: cleanupQueue(), now, deferred: logDeferredHandOver },
    caller.userId,
    pathId(pathParameters.conversationId, 'conversation'),
  );
  return { status: 204 };
});
