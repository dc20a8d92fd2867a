/** GET /v1/share-links?limit=&cursor=: the caller's links, newest first, one Query per page; no tokens. */
import { listMyShareLinks } from '../../domain/shares/list-my-share-links';
import { pageQuerySchema } from '../../shared/http/page-query';
import { userRoute } from '../../shared/http/route';
import { now, shareLinkReads } from './share-deps';

export const handler = userRoute({ query: pageQuerySchema }, async ({ caller, query }) => ({
  body: await listMyShareLinks({ links: shareLinkReads(), now }, caller.userId, query),
}));
