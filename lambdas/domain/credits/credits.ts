/**
 * GET /v1/credits: the balance and a page of the ledger, newest first, from one Query (the
 * profile's sort key sits right after the ledger's). A person's first call creates the profile
 * and its starter grant.
 */
import type { Page } from '../conversations/conversation-store';
import { assertActive, type LedgerEntry, type Profile } from '../profile/profile';
import { ensureProfile, type ProfileDeps } from '../profile/use-cases';

export interface CreditsStore {
  /** On the first page (no cursor) `profile` is the wallet; later pages carry only entries. */
  page(userId: string, limit: number, cursor?: string): Promise<{ profile?: Profile } & Page<LedgerEntry>>;
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
  deps: { credits: CreditsStore; profiles: ProfileDeps },
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<CreditsView> {
  let result = await deps.credits.page(userId, page.limit, page.cursor);
  if (page.cursor === undefined && !result.profile) {
    await ensureProfile(deps.profiles, userId);
    result = await deps.credits.page(userId, page.limit, page.cursor);
  }
  if (result.profile) assertActive(result.profile);
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
