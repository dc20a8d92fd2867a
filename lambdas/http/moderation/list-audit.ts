/** GET /v1/moderation/audit?limit=&cursor=: every moderator action, newest first. */
import { listAuditLog } from '../../domain/moderation/list-audit-log';
import { moderatorGroup } from '../../domain/moderation/moderator';
import { pageQuerySchema } from '../../shared/http/page-query';
import { userRoute } from '../../shared/http/route';
import { moderationReads } from './moderation-deps';

export const handler = userRoute({ group: moderatorGroup, query: pageQuerySchema }, async ({ caller, query }) => ({
  body: await listAuditLog({ moderation: moderationReads() }, caller.userId, query),
}));
