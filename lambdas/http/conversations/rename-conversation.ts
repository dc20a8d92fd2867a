/** PATCH /v1/conversations/{conversationId}: change (or clear) the title. */
import { renameConversationSchema } from '../../domain/conversations/requests';
import { renameConversation } from '../../domain/conversations/rename-conversation';
import { userRoute } from '../../shared/http/route';
import { conversations, now } from './conversation-deps';

export const handler = userRoute(
  { params: { conversationId: 'conversation' }, body: renameConversationSchema },
  async ({ caller, params, body }) => ({
    body: await renameConversation(
      { conversations: conversations(), now },
      caller.userId,
      params.conversationId,
      body.title,
    ),
  }),
);
