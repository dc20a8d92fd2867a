/**
 * The daily reconciliation's use case: everyone whose entitlement is active, or changed in the
 * last days, reconciled with RevenueCat's REST API as POST /v1/me/subscription/sync does, so a
 * webhook RevenueCat gave up on (after ~2.5 h of retries) is still applied, once.
 */
import { type ReconcileCustomerDeps, reconcileCustomer } from './sync-subscription';

/** People whose access ended longer ago than this are settled: RevenueCat's retries are long over. */
export const reconcileWindowDays = 7;

/** The watch list (a sparse key group, never a Scan) and where an unfinished run resumes. */
export interface StoreWatchList {
  /** One page of people whose access ends at or after `since` (ISO), from `cursor` on. */
  page(since: string, cursor: string | undefined, limit: number): Promise<{ userIds: string[]; next?: string }>;
}

export interface ReconcileCursorStore {
  load(): Promise<{ since: string; cursor: string } | undefined>;
  save(since: string, cursor: string): Promise<void>;
  clear(): Promise<void>;
}

export interface ReconcileSubscriptionsDeps extends ReconcileCustomerDeps {
  watchList: StoreWatchList;
  cursors: ReconcileCursorStore;
  /** The most people one run reconciles; the next run resumes from the cursor. */
  maxPeoplePerRun: number;
  pageSize: number;
}

export interface ReconcileRun {
  people: number;
  applied: number;
  /** Whether the run stopped at its bound, leaving a cursor for the next. */
  resumable: boolean;
}

/**
 * One run. Primary course:
 *  1. resume from the saved cursor (and its window), or start a window of the last
 *     `reconcileWindowDays` days;
 *  2. page through the watch list, reconciling each person (`reconcileCustomer`);
 *  3. at the bound, save the cursor and stop; at the end, clear it.
 * Alternatives: RevenueCat down or throttling → save the cursor at the person who failed and
 * throw, so the run fails (the alarm) and the next resumes there.
 */
export async function reconcileSubscriptions(deps: ReconcileSubscriptionsDeps): Promise<ReconcileRun> {
  const saved = await deps.cursors.load();
  const since = saved?.since ?? new Date(deps.now().getTime() - reconcileWindowDays * 86_400_000).toISOString();
  let cursor = saved?.cursor;
  let people = 0;
  let applied = 0;
  while (people < deps.maxPeoplePerRun) {
    const limit = Math.min(deps.pageSize, deps.maxPeoplePerRun - people);
    const page = await deps.watchList.page(since, cursor, limit);
    for (const userId of page.userIds) {
      try {
        applied += (await reconcileCustomer(deps, userId)).applied;
      } catch (error) {
        // Resume at this page next time: the people before it are reconciled again, harmlessly.
        if (cursor) await deps.cursors.save(since, cursor);
        throw error;
      }
      people += 1;
    }
    if (!page.next) {
      await deps.cursors.clear();
      return { people, applied, resumable: false };
    }
    cursor = page.next;
  }
  if (cursor) await deps.cursors.save(since, cursor);
  return { people, applied, resumable: true };
}
