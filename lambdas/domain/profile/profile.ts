/**
 * The profile: one item per person holding who they are to the app (display name, settings,
 * consents), the account status every route checks, and the credit balance (the wallet).
 * Pure domain code: no AWS types here.
 */
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
  /** The wallet: current credit balance; always equals the sum of the user's ledger. */
  credits: number;
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
  /** STARTER_GRANT: once per person; GENERATION: the debit for one; REFUND: a blocked or failed one given back. */
  kind: 'STARTER_GRANT' | 'GENERATION' | 'REFUND';
  /** Signed: grants and refunds positive, debits negative. */
  amount: number;
  /**
   * The balance right after, when the writer knew it. Debits and refunds change the balance with
   * an atomic increment under contention, so they cannot know it without an extra read.
   */
  balanceAfter?: number;
  /** The generation a debit or refund belongs to. */
  generationId?: string;
  createdAt: string;
}

/** PATCH /v1/me's body; its schema is in ./requests.ts, which only UpdateMe bundles. */
export type { ProfilePatch } from './requests';
