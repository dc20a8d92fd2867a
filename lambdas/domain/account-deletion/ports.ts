/**
 * What account deletion needs from the outside world. Adapters implement these on DynamoDB, S3,
 * Cognito, RevenueCat, Secrets Manager and Step Functions; unit tests use in-memory ones. Every
 * method is idempotent: the workflow may run any of them again after a crash or a retry.
 */
import type { AccountStatus } from '../profile/profile';
import type {
  DeletionReceipt,
  DeletionRequest,
  PurgeProgress,
  RetainedAccountSummary,
  RetainedCreditRecord,
  StepFailure,
} from './deletion';

/** The profile item as deletion sees it: the account's status and its deletion dates. */
export interface DeletionState {
  status: AccountStatus;
  accountCreatedAt?: string;
  requestedAt?: string;
  completedAt?: string;
}

export type MarkOutcome = { outcome: 'marked'; requestedAt: string } | { outcome: 'deleted'; state: DeletionState };

/** One item the user owns, with the ledger facts a retained credit record needs. */
export interface OwnedItem {
  key: { pk: string; sk: string };
  entityType: string;
  /** Set on ledger entries. */
  ledger?: RetainedCreditRecord;
}

/** What GET /v1/me/deletion needs. */
export interface DeletionStateStore {
  /** The profile's status and dates; undefined when there is no profile item at all. */
  deletionState(userId: string): Promise<DeletionState | undefined>;
}

export interface AccountDeletionStore extends DeletionStateStore {
  /**
   * Sets the account DELETING (from ACTIVE or DISABLED, or with no profile yet), keeping the
   * first request time. A tombstone (already deleted) is left alone and reported. `outbox`:
   * `pending` puts the account in the outbox until its workflow is confirmed started (the
   * route); `started` takes it out (the workflow's own first step, proof that it runs).
   */
  markDeleting(userId: string, now: string, outbox: 'pending' | 'started'): Promise<MarkOutcome>;
  /**
   * Up to `limit` items the user owns other than the profile (which goes last, as the tombstone):
   * their partition first, then pointer items found through gsi1. `more` when there may be others.
   */
  ownedItems(userId: string, limit: number): Promise<{ items: OwnedItem[]; more: boolean }>;
  /** Deletes the items (batches of 25, unprocessed items retried); throws when some stay unprocessed. */
  deleteItems(keys: readonly { pk: string; sk: string }[]): Promise<void>;
  /** Writes the credit records under the subject hash; writing the same record twice leaves one. */
  retainCreditRecords(subjectHash: string, records: readonly RetainedCreditRecord[], now: string): Promise<void>;
  retainAccountSummary(subjectHash: string, summary: RetainedAccountSummary, now: string): Promise<void>;
  /** Writes the receipt and replaces the profile with the tombstone, in one transaction. */
  finish(userId: string, receipt: DeletionReceipt, now: string): Promise<void>;
  /** Notes a step that ran out of retries on the profile (status checks keep refusing the account). */
  recordFailure(userId: string, failure: StepFailure): Promise<void>;
}

export interface ObjectPurger {
  /**
   * Deletes up to about `maxObjects` objects under the prefixes, retrying only keys DeleteObjects reported in `Errors`.
   */
  purge(prefixes: readonly string[], maxObjects: number): Promise<PurgeProgress>;
}

/** The sign-in directory (Cognito). 'absent': no such user, e.g. a Telegram-only account or a step run twice. */
export interface UserDirectory {
  disableAndSignOut(userId: string): Promise<'done' | 'absent'>;
  deleteUser(userId: string): Promise<'done' | 'absent'>;
}

/** The purchases provider (RevenueCat). */
export interface SubscriberRegistry {
  removeSubscriber(userId: string): Promise<'removed' | 'absent' | 'not_configured'>;
}

/** A keyed hash of a user id (HMAC with a secret key), the only identity retained records carry. */
export interface SubjectHasher {
  hash(userId: string): Promise<string>;
}

export interface DeletionWorkflow {
  /** 'already_requested' when an execution of that name exists (running: the same one; closed: done before). */
  start(request: DeletionRequest): Promise<'started' | 'already_requested'>;
}

/**
 * Reports (issue 11) outlive neither side's identity: the deleted person's own reports stay in
 * the queue without their name or words, and reports about their content are closed without
 * their id (docs/retention.md, "Reports and the audit log"). Idempotent: a rerun finds nothing left to change.
 */
export interface ReportRecords {
  forgetAccount(userId: string, now: string): Promise<void>;
}
