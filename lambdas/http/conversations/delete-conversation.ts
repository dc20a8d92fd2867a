/** DELETE /v1/conversations/{conversationId}: items now, stored images by the cleanup worker. */
import { cleanupQueue } from '../../adapters/sqs/queues';
import { deleteConversation } from '../../domain/conversations/use-cases';
import { pathId } from '../../shared/http/path-id';
import { userRoute } from '../../shared/http/route';
import { conversations, now } from './conversation-deps';

export const handler = userRoute({}, async ({ caller, pathParameters }) => {
  await deleteConversation({ conversations: conversations(), cleanup: cleanupQueue(), now }, caller.userId, pathId(pathParameters.conversationId, 'conversation'));
  return { status: 204 };
});
