/** POST /v1/conversations: a new, optionally titled conversation. */
import { createConversationSchema } from '../../domain/conversations/conversation';
import { createConversation } from '../../domain/conversations/use-cases';
import { userRoute } from '../../shared/http/route';
import { conversationDeps } from './conversation-deps';

export const handler = userRoute({ body: createConversationSchema, bodyOptional: true }, async ({ caller, body }) => ({
  status: 201,
  body: await createConversation(conversationDeps(), caller.userId, body),
}));
