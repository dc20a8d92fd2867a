/** GET /v1/conversations/{conversationId}: the conversation and its generations, one Query. */
import { getConversation } from '../../domain/conversations/use-cases';
import { pathId } from '../../shared/http/path-id';
import { userRoute } from '../../shared/http/route';
import { conversationDeps } from './conversation-deps';

export const handler = userRoute({}, async ({ caller, pathParameters }) => ({
  body: await getConversation(conversationDeps(), caller.userId, pathId(pathParameters.conversationId, 'conversation')),
}));
