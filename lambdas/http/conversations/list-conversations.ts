/** GET /v1/conversations?limit=&cursor=: newest first, one Query per page. */
import { listConversations } from '../../domain/conversations/list-conversations';
import { pageQuerySchema } from '../../shared/http/page-query';
import { userRoute } from '../../shared/http/route';
import { conversationReads } from './conversation-deps';

export const handler = userRoute({ query: pageQuerySchema }, async ({ caller, query }) => ({
  body: await listConversations({ conversations: conversationReads() }, caller.userId, query),
}));
