/** The credits area's port: the wallet and its ledger, a page at a time (the DynamoDB adapter). Types only. */
import type { AccountSeen } from '../profile/account-status';
import type { LedgerEntry, Profile } from '../profile/profile';
import type { Page } from '../shared/page';

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
