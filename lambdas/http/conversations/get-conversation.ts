/** GET /v1/conversations/{conversationId}: the conversation and its generations, one Query. */
import { imageLinks } from '../../adapters/s3/image-links';
import { getConversation } from '../../domain/conversations/get-conversation';
import { userRoute } from '../../shared/http/route';
import { conversationReads } from './conversation-deps';

export const handler = userRoute({ params: { conversationId: 'conversation' } }, async ({ caller, params }) => ({
  body: await getConversation(
    { conversations: conversationReads(), objects: imageLinks() },
    caller.userId,
    params.conversationId,
  ),
}));
