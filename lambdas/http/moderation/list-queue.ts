/** GET /v1/moderation/reports?limit=&cursor=: the open queue, most severe reason first, oldest first within it. */
import { moderatorGroup } from '../../domain/moderation/moderator';
import { listOpenReports } from '../../domain/moderation/report-for-moderation';
import { pageQuerySchema } from '../../shared/http/page-query';
import { userRoute } from '../../shared/http/route';
import { moderationReads } from './moderation-deps';

export const handler = userRoute({ group: moderatorGroup, query: pageQuerySchema }, async ({ caller, query }) => ({
  body: await listOpenReports({ moderation: moderationReads() }, caller.userId, query),
}));
