/** GET /v1/credits: the balance and a page of the ledger, newest first. */
import { mayReadOwnData } from '../profile/account-status';
import { ensureProfile, type EnsureProfileDeps } from '../profile/ensure-profile';
import type { LedgerEntry, Profile } from '../profile/profile';
import { toLedgerEntryView, type CreditsView } from './credits-view';
import type { CreditsStore } from './ports';
import { expiryEntryId, lapsedAllowance, toBalanceView, walletOf } from './wallet';

export interface GetMyCreditsDeps {
  credits: CreditsStore;
  profiles: EnsureProfileDeps;
}

/**
 * GET /v1/credits. Primary course: 1. one Query for the page (the profile's sort key sits right
 * after the ledger's, so the first page holds the wallet too); 2. refuse an account that is not
 * ACTIVE (SECURITY B4: the first page holds the profile itself, later pages read its status
 * beside the Query); 3. answer the balance and its split (first page only), the entries and the
 * next cursor. An allowance that has ended is not in the balance; until its EXPIRY entry is
 * written, the first page shows that entry as it will be written (same id), so the entries
 * always add up to the balance. First call ever: the profile is created with its starter
 * grant, then the page read again.
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
  const now = deps.profiles.now().toISOString();
  const pending = result.profile ? pendingExpiry(result.profile, now) : undefined;
  const entries = pending ? [pending, ...result.items].sort(newestFirst) : result.items;
  return {
    ...(result.profile ? toBalanceView(walletOf(result.profile), now) : {}),
    entries: entries.map(toLedgerEntryView),
    nextCursor: result.nextCursor ?? null,
  };
}

/** The EXPIRY entry an ended allowance is owed and does not have yet (its leftover is still on the profile). */
function pendingExpiry(profile: Profile, now: string): LedgerEntry | undefined {
  const lapsed = lapsedAllowance(walletOf(profile), now);
  if (lapsed === 0 || !profile.allowanceExpiresAt) return undefined;
  return {
    entryId: expiryEntryId(profile.allowanceGrantId),
    userId: profile.userId,
    kind: 'EXPIRY',
    amount: -lapsed,
    fromAllowance: -lapsed,
    createdAt: profile.allowanceExpiresAt,
  };
}

function newestFirst(a: LedgerEntry, b: LedgerEntry): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}
