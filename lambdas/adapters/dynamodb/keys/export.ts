/** Data exports (issue 14): each export, and the person's latest, which guards one-at-a-time and the cooldown. */
import { type ItemKey, sortKeyPrefix, userPartition } from './base';

export const dataExport = (userId: string, exportId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.dataExport}${exportId}`,
});

/** One per person: which export is the latest, its status and when it was asked for. */
export const latestExport = (userId: string): ItemKey => ({ pk: userPartition(userId), sk: 'EXPORTS' });
