/** GET /v1/moderation/audit: the moderators' audit log, newest first. */
import { toAuditEntryView, type AuditEntryView } from './audit';
import { assertModeratorActive } from './moderator';
import type { ModerationReadStore } from './ports';

/**
 * GET /v1/moderation/audit. Primary course: one Query of the log (newest first), the
 * moderator's account read beside it.
 */
export async function listAuditLog(
  deps: { moderation: ModerationReadStore },
  moderatorId: string,
  page: { limit: number; cursor?: string },
): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const { account, items, nextCursor } = await deps.moderation.listAudit(moderatorId, page.limit, page.cursor);
  assertModeratorActive(account);
  return { entries: items.map(toAuditEntryView), nextCursor: nextCursor ?? null };
}
