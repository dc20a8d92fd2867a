/** POST /v1/conversations: a new, optionally titled conversation. */
import { profileCreationDeps } from '../me/profile-creation-deps';
import { timeOrderedId } from '../../shared/ids';
import { createConversationSchema } from '../../domain/conversations/requests';
import { createConversation } from '../../domain/conversations/create-conversation';
import { userRoute } from '../../shared/http/route';
import { conversationCreation, now } from './conversation-deps';

export const handler = userRoute({ body: createConversationSchema, bodyOptional: true }, async ({ caller, body }) => ({
  status: 201,
  body: await createConversation(
    { conversations: conversationCreation(), profiles: profileCreationDeps(), now, newId: timeOrderedId },
    caller.userId,
    body,
  ),
}));
