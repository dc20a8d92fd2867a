/** PATCH /v1/conversations/{conversationId}: change (or clear) the title. */
import { renameConversationSchema } from '../../domain/conversations/requests';
import { renameConversation } from '../../domain/conversations/rename-conversation';
import { pathId } from '../../shared/http/path-id';
import { userRoute } from '../../shared/http/route';
import { conversations, now } from './conversation-deps';

export const handler = userRoute({ body: renameConversationSchema }, async ({ caller, pathParameters, body }) => ({
  body: await renameConversation(
    { conversations: conversations(), now },
    caller.userId,
    pathId(pathParameters.conversationId, 'conversation'),
    body.title,
  ),
}));
