/** GET /v1/credits: the balance and a page of the ledger, newest first. */
import { mayReadOwnData } from '../profile/account-status';
import { ensureProfile, type EnsureProfileDeps } from '../profile/ensure-profile';
import { toLedgerEntryView, type CreditsView } from './credits-view';
import type { CreditsStore } from './ports';

export interface GetMyCreditsDeps {
  credits: CreditsStore;
  profiles: EnsureProfileDeps;
}

/**
 * GET /v1/credits. Primary course: 1. one Query for the page (the profile's sort key sits right
 * after the ledger's, so the first page holds the wallet too); 2. refuse an account that is not
 * ACTIVE (SECURITY B4: the first page holds the profile itself, later pages read its status
 * beside the Query); 3. answer the balance (first page only), the entries and the next cursor.
 * First call ever: the profile is created with its starter grant, then the page read again.
 */
export async function getMyCredits(
  deps: GetMyCreditsDeps,
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<CreditsView> {
  let result = await deps.credits.page(userId, page.limit, page.cursor);
  if (page.cursor === undefined && !result.profile) {
    await ensureProfile(deps.profiles, userId);
    result = await deps.credits.page(userId, page.limit, page.cursor);
  }
  if (!mayReadOwnData(result.account)) return { entries: [], nextCursor: null };
  return {
    ...(result.profile ? { balance: result.profile.credits } : {}),
    entries: result.items.map(toLedgerEntryView),
    nextCursor: result.nextCursor ?? null,
  };
}
