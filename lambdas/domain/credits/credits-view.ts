/** How the wallet and its ledger are shown to the apps. */
import type { LedgerEntry } from '../profile/profile';

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

export function toLedgerEntryView(entry: LedgerEntry): LedgerEntryView {
  return {
    id: entry.entryId,
    kind: entry.kind,
    amount: entry.amount,
    generationId: entry.generationId ?? null,
    createdAt: entry.createdAt,
  };
}
