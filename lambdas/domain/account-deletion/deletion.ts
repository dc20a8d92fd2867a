/**
 * Account deletion: what the workflow is asked to do, what it keeps, and for how long.
 * docs/account-deletion.md explains the steps; docs/retention.md lists every retained record.
 * Pure domain code: no AWS types here.
 */
import { lifetimeDays } from '../retention/lifetimes';
import { isUserId } from '../shared/id-formats';

/** The execution input. Nothing else goes in: StartExecution is idempotent only for an identical input. */
export interface DeletionRequest {
  userId: string;
}

/**
 * The execution name: one per user, so a second request (or a client retry) finds the running
 * execution instead of starting another (SECURITY E2). A user id (../shared/ids.ts) is at most 64
 * characters an execution name allows, so `delete-<id>` fits its 80.
 */
export function executionNameFor(userId: string): string {
  if (!isUserId(userId)) throw new Error('user id cannot name an execution');
  return `delete-${userId}`;
}

/** What one bounded purge invocation did; the workflow's Choice loops until `done`. */
export interface PurgeProgress {
  done: boolean;
  /** Removed by this invocation (for the logs and the receipt's counters). */
  removed: number;
}

/** How long each retained class lives (days), enforced by TTL; docs/retention.md says why. */
export const retentionDays = {
  /** Stands in the profile's place so tokens that outlive the account (≤ 15 min) cannot revive it. */
  tombstone: lifetimeDays.tombstones,
  /** Lets support confirm a deletion happened, without knowing who it was for. */
  receipt: lifetimeDays.deletionReceipts,
  /** Account dates for fraud prevention (repeated sign-ups to farm starter credits). */
  accountSummary: lifetimeDays.retainedAccountSummaries,
  /** Credit grants and, once sold, purchases: amounts and dates for billing and tax records. */
  creditRecords: lifetimeDays.retainedBillingRecords,
} as const;

/** Ledger kinds whose amount and date outlive the account (docs/retention.md). */
export const retainedLedgerKinds: ReadonlySet<string> = new Set([
  'STARTER_GRANT',
  // The store's (docs/subscriptions.md): what was sold, refunded and given back.
  'ALLOWANCE_GRANT',
  'PACK_PURCHASE',
  'STORE_REFUND',
  'REFUND_REVERSED',
]);

export function ttlAfterDays(now: string, days: number): number {
  return Math.floor(Date.parse(now) / 1000) + days * 86_400;
}

/** A credit movement kept for billing: no generation, prompt or balance, only kind, amount and date. */
export interface RetainedCreditRecord {
  kind: string;
  amount: number;
  at: string;
  /** The ledger entry's id, so writing the copy twice (a retried page) writes one record. */
  entryId: string;
  /** A store purchase or refund: the store, the product, and what was paid in which currency, when known. */
  store?: string;
  productId?: string;
  price?: number;
  currency?: string;
}

/** Account facts kept for fraud prevention. */
export interface RetainedAccountSummary {
  accountCreatedAt?: string;
  deletionRequestedAt?: string;
}

/** The deletion receipt support can check: a keyed hash of the user id and the times. */
export interface DeletionReceipt {
  subjectHash: string;
  startedAt: string;
  finishedAt: string;
}

/** A step that ran out of retries, as the failure path records it. */
export interface StepFailure {
  step: string;
  error: string;
  at: string;
}

/** What GET /v1/me/deletion answers. */
export interface DeletionStatusView {
  status: 'not_requested' | 'in_progress' | 'completed';
  requestedAt: string | null;
  completedAt: string | null;
}
