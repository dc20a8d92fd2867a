/**
 * GET /v1/credits: the balance and a page of the ledger, newest first, from one Query (the
 * profile's sort key sits right after the ledger's). A person's first call creates the profile
 * and its starter grant. Every page is refused to an account that is not ACTIVE (SECURITY B4):
 * the first page holds the profile itself; later pages read its status beside the Query.
 */
import type { Page } from '../conversations/conversation-store';
import { mayReadOwnData, type AccountSeen } from '../profile/account-status';
import type { LedgerEntry, Profile } from '../profile/profile';
import { ensureProfile, type EnsureProfileDeps } from '../profile/ensure-profile';

export interface CreditsStore {
  /**
   * On the first page (no cursor) `profile` is the wallet; later pages carry only entries. Every
   * page says what the account's status was (undefined when there is no profile).
   */
  page(
    userId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ profile?: Profile; account: AccountSeen } & Page<LedgerEntry>>;
}

export interface LedgerEntryView {
  id: string;
  kind: LedgerEntry['kind'];
  amount: number;
  generationId: string | null;
  createdAt: string;
}

export interface CreditsView {
  /** Present on the first page only. */
  balance?: number;
  entries: LedgerEntryView[];
  nextCursor: string | null;
}

export async function getMyCredits(
  deps: { credits: CreditsStore; profiles: EnsureProfileDeps },
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
    entries: result.items.map((entry) => ({
      id: entry.entryId,
      kind: entry.kind,
      amount: entry.amount,
      generationId: entry.generationId ?? null,
      createdAt: entry.createdAt,
    })),
    nextCursor: result.nextCursor ?? null,
  };
}
