/**
 * The profile: one item per person holding who they are to the app (display name, settings,
 * consents), the account status every route checks, and the credit balance (the wallet).
 * Pure domain code: no AWS types here.
 */
import type { SubscriptionState } from '../billing/subscription';
import type { Settings } from './settings';

/**
 * DELETING from the moment account deletion is requested; DELETED on the tombstone the workflow
 * leaves in the profile's place (no personal data, expires by TTL) so still-valid tokens and a
 * racing first call cannot bring the account back.
 */
export type AccountStatus = 'ACTIVE' | 'DELETING' | 'DELETED' | 'DISABLED';

export interface PolicyConsent {
  version: string;
  acceptedAt: string;
}

export interface Profile {
  userId: string;
  displayName?: string;
  status: AccountStatus;
  /**
   * The wallet's purchased credits (packs, the starter grant): they never expire. With the live
   * allowance below it makes the balance, which always equals the sum of the user's ledger
   * (../credits/wallet.ts).
   */
  credits: number;
  /** What is left of the current Pro period's allowance; it expires at `allowanceExpiresAt`. */
  allowance?: number;
  allowanceExpiresAt?: string;
  /** The grant (a period's idempotency key) the allowance came from. */
  allowanceGrantId?: string;
  /** The Pro entitlement as RevenueCat's events left it (../billing/subscription.ts). */
  subscription?: SubscriptionState;
  settings: Settings;
  privacyPolicy?: PolicyConsent;
  /** When the person confirmed they are at least 13. */
  ageConfirmedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** A ledger entry: every change to the balance is one, append-only. */
export interface LedgerEntry {
  entryId: string;
  userId: string;
  /**
   * STARTER_GRANT: once per person; GENERATION: the debit for one; REFUND: a blocked or failed one
   * given back; the store's (docs/subscriptions.md): ALLOWANCE_GRANT a Pro period's allowance,
   * EXPIRY what was left of it at its end, PACK_PURCHASE a pack's credits, STORE_REFUND credits a
   * store refund clawed back, REFUND_REVERSED what a reversed refund gives back, TRANSFER_OUT and
   * TRANSFER_IN an allowance moved with its subscription.
   */
  kind:
    | 'STARTER_GRANT'
    | 'GENERATION'
    | 'REFUND'
    | 'ALLOWANCE_GRANT'
    | 'EXPIRY'
    | 'PACK_PURCHASE'
    | 'STORE_REFUND'
    | 'REFUND_REVERSED'
    | 'TRANSFER_OUT'
    | 'TRANSFER_IN';
  /** Signed: grants and refunds positive, debits negative. */
  amount: number;
  /**
   * The balance right after, when the writer knew it. Debits and refunds change the balance with
   * an atomic increment under contention, so they cannot know it without an extra read.
   */
  balanceAfter?: number;
  /** The generation a debit or refund belongs to. */
  generationId?: string;
  /** The part of `amount` on the allowance (the rest is on purchased credits); absent: none. */
  fromAllowance?: number;
  /** A store effect: the store, product and transaction it came from (no personal data). */
  store?: string;
  productId?: string;
  transactionId?: string;
  /** What the person paid (negative: refunded) in `currency`, when the store said; kept as a billing record. */
  price?: number;
  currency?: string;
  /** The store event was a sandbox purchase (TestFlight, App Review) applied on this stage. */
  sandbox?: boolean;
  createdAt: string;
}

/** PATCH /v1/me's body; its schema is in ./requests.ts, which only UpdateMe bundles. */
export type { ProfilePatch } from './requests';
