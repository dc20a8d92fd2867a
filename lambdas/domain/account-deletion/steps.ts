/**
 * The account-deletion workflow's steps (lib/deletion-workflow.ts puts them in order). Each is
 * idempotent and resumable: run again after a crash at any point, it reaches the same end state
 * (SECURITY E4). The purges do bounded work and report whether they are done, so one invocation
 * stays within Lambda's limits whatever the account's size; the state machine loops on `done`.
 */
import { objectKeys } from '../storage/object-keys';
import { retainedLedgerKinds, type DeletionRequest, type PurgeProgress, type RetainedCreditRecord } from './deletion';
import type { Clock } from '../shared/clock';
import type {
  AccountDeletionStore,
  ObjectPurger,
  ReportRecords,
  SubjectHasher,
  SubscriberRegistry,
  UserDirectory,
} from './ports';

/** The steps that write a time take the clock; each stores the ISO string. */
interface Timed {
  now: Clock;
}

/** Step 1: generation and purchases stop (their transactions require an ACTIVE account). */
export async function markAccountDeleting(
  deps: { store: AccountDeletionStore } & Timed,
  { userId }: DeletionRequest,
): Promise<void> {
  await deps.store.markDeleting(userId, deps.now().toISOString(), 'started');
}

/**
 * Step 2: no new sign-in, and refresh tokens stop working. Access tokens already out are refused by step 1's status.
 */
export async function disableSignIn(
  deps: { directory: UserDirectory },
  { userId }: DeletionRequest,
): Promise<{ signIn: string }> {
  return { signIn: await deps.directory.disableAndSignOut(userId) };
}

/** Step 3: RevenueCat forgets the customer (a no-op where the stage has no RevenueCat). */
export async function removeSubscriber(
  deps: { registry: SubscriberRegistry },
  { userId }: DeletionRequest,
): Promise<{ subscriber: string }> {
  return { subscriber: await deps.registry.removeSubscriber(userId) };
}

/** Step 4: every object under the user's prefixes, at most `budget` per invocation. */
export async function purgeObjects(
  deps: { purger: ObjectPurger; budget: number },
  { userId }: DeletionRequest,
): Promise<PurgeProgress> {
  return deps.purger.purge(objectKeys.userPrefixes(userId), deps.budget);
}

export interface PurgeItemsDeps extends Timed {
  store: AccountDeletionStore;
  reports: ReportRecords;
  hasher: SubjectHasher;
  /** Items per invocation, at most. */
  budget: number;
  /** Items per query page. */
  pageSize: number;
}

/**
 * Step 5: every item the user owns except the profile, at most `budget` per invocation. Ledger
 * entries of retained kinds are copied under the subject hash before they are deleted, so a
 * crash between the two leaves the copy (written again, identically, on the rerun). First, the
 * reports the user filed or that are about their content forget them (their markers in the
 * partition are still there to find the latter; the purge deletes the markers after).
 */
export async function purgeItems(deps: PurgeItemsDeps, { userId }: DeletionRequest): Promise<PurgeProgress> {
  await deps.reports.forgetAccount(userId, deps.now().toISOString());
  let removed = 0;
  let subjectHash: string | undefined;
  for (;;) {
    const { items, more } = await deps.store.ownedItems(userId, Math.min(deps.pageSize, deps.budget - removed));
    const retained = items.flatMap((item): RetainedCreditRecord[] =>
      item.ledger && retainedLedgerKinds.has(item.ledger.kind) ? [item.ledger] : [],
    );
    if (retained.length > 0) {
      subjectHash ??= await deps.hasher.hash(userId);
      await deps.store.retainCreditRecords(subjectHash, retained, deps.now().toISOString());
    }
    await deps.store.deleteItems(items.map((item) => item.key));
    removed += items.length;
    if (!more) return { done: true, removed };
    if (removed >= deps.budget) return { done: false, removed };
  }
}

/** Step 6: the account facts fraud prevention keeps, under the subject hash (docs/retention.md). */
export async function writeRetainedRecords(
  deps: { store: AccountDeletionStore; hasher: SubjectHasher } & Timed,
  { userId }: DeletionRequest,
): Promise<void> {
  const state = await deps.store.deletionState(userId);
  const subjectHash = await deps.hasher.hash(userId);
  await deps.store.retainAccountSummary(
    subjectHash,
    { accountCreatedAt: state?.accountCreatedAt, deletionRequestedAt: state?.requestedAt },
    deps.now().toISOString(),
  );
}

/**
 * Step 7: the sign-in identity itself goes (after the data, so a failure before it leaves the user able to be found and
 * helped).
 */
export async function deleteSignInUser(
  deps: { directory: UserDirectory },
  { userId }: DeletionRequest,
): Promise<{ signIn: string }> {
  return { signIn: await deps.directory.deleteUser(userId) };
}

/** Step 8: the receipt support can check, and the tombstone in the profile's place, together. */
export async function writeReceipt(
  deps: { store: AccountDeletionStore; hasher: SubjectHasher } & Timed,
  { userId, startedAt }: DeletionRequest & { startedAt: string },
): Promise<{ subjectHash: string }> {
  const subjectHash = await deps.hasher.hash(userId);
  const now = deps.now().toISOString();
  await deps.store.finish(userId, { subjectHash, startedAt, finishedAt: now }, now);
  return { subjectHash };
}

/** The failure path: a step ran out of retries. Recorded on the account; the alarm is on this step running at all. */
export async function recordStepFailure(
  deps: { store: AccountDeletionStore } & Timed,
  { userId, step, error }: DeletionRequest & { step: string; error: string },
): Promise<void> {
  await deps.store.recordFailure(userId, { step, error: error.slice(0, 200), at: deps.now().toISOString() });
}
