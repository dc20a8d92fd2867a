/** The billing area's ports: what applying a store event needs from the table. Types only. */
import type { Wallet } from '../credits/wallet';
import type { AccountStatus, LedgerEntry } from '../profile/profile';
import type { StoreCustomer } from './store-customer';
import type { SubscriptionState } from './subscription';

/** A person as a store event sees them: the account, the wallet and the entitlement. */
export interface BillingAccount {
  userId: string;
  status: AccountStatus;
  wallet: Wallet;
  subscription?: SubscriptionState;
}

/**
 * One store grant (a subscription period, a pack, a virtual-currency transaction), kept in its own
 * item keyed by the store's transaction, so it is granted once whoever holds it now (a restore or
 * a transfer never grants twice), and a refund finds what to claw back. No user id.
 */
export interface StoreGrant {
  grantId: string;
  kind: 'allowance' | 'pack' | 'currency';
  /** What it granted (0: nothing, e.g. a period that had ended, or a refund that came first). */
  credits: number;
  state: 'GRANTED' | 'REFUNDED' | 'REVERSED';
  /** What a refund took back, by kind, so a reversal gives back exactly that. */
  clawed?: { allowance: number; purchased: number };
  /** Credits a refund could not take back because they were spent: an abuse signal. */
  shortfall?: number;
  updatedAt: string;
}

/** A change to one person: the new entitlement, the wallet change, the ledger entries. */
export interface AccountChange {
  /** The account as read: the write is conditioned on it. */
  seen: BillingAccount;
  subscription?: SubscriptionState;
  /** Added to purchased credits. */
  purchasedDelta: number;
  /** The allowance's new state (amount, end, grant), when it changes. */
  allowance?: { amount: number; expiresAt?: string; grantId?: string };
  ledger: LedgerEntry[];
}

/** What one delivery did, for its receipt (no personal data). */
export interface StoreEventReceipt {
  eventId: string;
  type: string;
  eventAt: string;
  receivedAt: string;
  environment: string | null;
  productId: string | null;
  /** Whether a known person was found. */
  matched: boolean;
  effects: string[];
}

export interface StoreEventCommit {
  receipt: StoreEventReceipt;
  accounts: AccountChange[];
  /** New grants (`seen` undefined) or grants whose state changes (conditioned on the state seen). */
  grants: Array<{ grant: StoreGrant; seen?: StoreGrant }>;
}

export type CommitOutcome =
  | { outcome: 'committed' }
  | { outcome: 'duplicate' }
  /** Something read changed meanwhile (a debit, another event): here is the fresh state. */
  | { outcome: 'stale'; accounts: BillingAccount[]; grants: StoreGrant[] };

export interface BillingStore {
  /** One BatchGetItem: whether the event was applied, the candidate accounts, the grants. */
  load(
    eventId: string,
    userIds: string[],
    grantIds: string[],
  ): Promise<{ duplicate: boolean; accounts: BillingAccount[]; grants: StoreGrant[] }>;
  /** One transaction: the receipt (the dedupe marker) with every effect, all or nothing. */
  commit(commit: StoreEventCommit): Promise<CommitOutcome>;
}

/** What POST /v1/me/subscription/sync and the reconciliation read from RevenueCat's REST API. */
export interface StoreCustomers {
  /**
   * The customer, or undefined when RevenueCat has none. Throws TemporarilyUnavailableError
   * (`store_unavailable`) or RateLimitedError (`store_rate_limited`) when RevenueCat cannot answer.
   */
  customer(userId: string): Promise<StoreCustomer | undefined>;
}

/** Which of these event ids already have a receipt (one BatchGetItem). */
export interface StoreEventReceipts {
  applied(eventIds: string[]): Promise<Set<string>>;
}

/**
 * The per-person sync cooldown, on the profile: one conditional write that also holds the
 * account guard. Throws RateLimitedError (`sync_cooldown`) with the seconds left, or
 * AccountInactiveError, or NotFoundError for an account never created.
 */
export interface SyncCooldown {
  claim(userId: string, now: string, cooldownSeconds: number): Promise<void>;
}
