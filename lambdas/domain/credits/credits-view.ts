/** How the wallet and its ledger are shown to the apps. */
import type { LedgerEntry } from '../profile/profile';
import type { BalanceView } from './wallet';

export interface LedgerEntryView {
  id: string;
  kind: LedgerEntry['kind'];
  amount: number;
  /** The part of `amount` on the Pro allowance (the rest is on purchased credits). */
  fromAllowance: number;
  generationId: string | null;
  /** The store product a store entry came from. */
  productId: string | null;
  /** A sandbox purchase (TestFlight, App Review) this stage applies. */
  sandbox: boolean;
  createdAt: string;
}

/** The first page carries the balance and its split (`balance` = `allowance` + `purchased`). */
export interface CreditsView extends Partial<BalanceView> {
  entries: LedgerEntryView[];
  nextCursor: string | null;
}

export function toLedgerEntryView(entry: LedgerEntry): LedgerEntryView {
  return {
    id: entry.entryId,
    kind: entry.kind,
    amount: entry.amount,
    fromAllowance: entry.fromAllowance ?? 0,
    generationId: entry.generationId ?? null,
    productId: entry.productId ?? null,
    sandbox: entry.sandbox === true,
    createdAt: entry.createdAt,
  };
}
