/** GET /v1/conversations/{conversationId}: the conversation and its generations, one Query. */
import { imageLinks } from '../../adapters/s3/image-links';
import { getConversation } from '../../domain/conversations/get-conversation';
import { pathId } from '../../shared/http/path-id';
import { userRoute } from '../../shared/http/route';
import { conversationReads } from './conversation-deps';

export const handler = userRoute({}, async ({ caller, pathParameters }) => ({
  body: await getConversation(
    { conversations: conversationReads(), objects: imageLinks() },
    caller.userId,
    pathId(pathParameters.conversationId, 'conversation'),
  ),
}));
