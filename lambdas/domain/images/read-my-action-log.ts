/** The caller's action log as their data export reads it: every entry still alive. */
import type { Clock } from '../shared/clock';
import { isLive, type ImageAction } from './action-log';
import type { ActionLogReader } from './ports';

export interface ReadMyActionLogDeps {
  actionLog: ActionLogReader;
  now: Clock;
}

/**
 * For the export (issue 11: the entries are part of the user's data). The store leaves out
 * entries past their `expiresAt`; this checks again, because TTL removes an expired item only
 * "within a few days" and no reader may show one in between.
 */
export async function readMyActionLog(deps: ReadMyActionLogDeps, userId: string): Promise<ImageAction[]> {
  const now = deps.now();
  const entries = await deps.actionLog.entries(userId, Math.floor(now.getTime() / 1000));
  return entries.filter((entry) => isLive(entry, now));
}
