/** An in-memory AccountDeletionStore for the step tests: a user's items, pages, and what was retained. */
import type {
  DeletionReceipt,
  RetainedAccountSummary,
  RetainedCreditRecord,
  StepFailure,
} from '../../../lambdas/domain/account-deletion/deletion';
import type { AccountDeletionStore, DeletionState, OwnedItem } from '../../../lambdas/domain/account-deletion/ports';

export class InMemoryDeletionStore implements AccountDeletionStore {
  state: DeletionState | undefined;
  owned: OwnedItem[] = [];
  retainedCredits = new Map<string, RetainedCreditRecord>();
  summaries = new Map<string, RetainedAccountSummary>();
  receipts = new Map<string, DeletionReceipt>();
  failures: StepFailure[] = [];
  /** Every call, in order, as `method:size`, so tests can check the order of retain and delete. */
  calls: string[] = [];
  /** Whether the account waits in the outbox for its workflow's start to be confirmed. */
  inOutbox = false;

  constructor(state?: DeletionState) {
    this.state = state;
  }

  async markDeleting(_userId: string, now: string, outbox: 'pending' | 'started') {
    if (this.state?.status === 'DELETED') return { outcome: 'deleted' as const, state: this.state };
    this.inOutbox = outbox === 'pending';
    this.state = { ...(this.state ?? {}), status: 'DELETING', requestedAt: this.state?.requestedAt ?? now };
    return { outcome: 'marked' as const, requestedAt: this.state.requestedAt! };
  }

  async deletionState() {
    return this.state;
  }

  async ownedItems(_userId: string, limit: number) {
    this.calls.push(`ownedItems:${limit}`);
    return { items: this.owned.slice(0, limit), more: this.owned.length > limit };
  }

  async deleteItems(keys: readonly { pk: string; sk: string }[]) {
    this.calls.push(`deleteItems:${keys.length}`);
    const gone = new Set(keys.map((key) => `${key.pk}|${key.sk}`));
    this.owned = this.owned.filter((item) => !gone.has(`${item.key.pk}|${item.key.sk}`));
  }

  async retainCreditRecords(subjectHash: string, records: readonly RetainedCreditRecord[]) {
    this.calls.push(`retainCreditRecords:${records.length}`);
    for (const record of records) this.retainedCredits.set(`${subjectHash}|${record.entryId}`, record);
  }

  async retainAccountSummary(subjectHash: string, summary: RetainedAccountSummary) {
    this.summaries.set(subjectHash, summary);
  }

  async finish(_userId: string, receipt: DeletionReceipt) {
    this.receipts.set(receipt.subjectHash, receipt);
    this.state = { status: 'DELETED', requestedAt: this.state?.requestedAt, completedAt: receipt.finishedAt };
  }

  async recordFailure(_userId: string, failure: StepFailure) {
    this.failures.push(failure);
  }
}

export function ledgerItem(entryId: string, kind: string, amount: number): OwnedItem {
  const at = '2026-11-01T00:00:00.000Z';
  return {
    key: { pk: 'USER#u1', sk: `LEDGER#${at}#${entryId}` },
    entityType: 'LEDGER_ENTRY',
    ledger: { kind, amount, at, entryId },
  };
}

export function plainItems(count: number, prefix = 'GEN#'): OwnedItem[] {
  return Array.from({ length: count }, (_, index) => ({
    key: { pk: 'USER#u1', sk: `${prefix}${String(index).padStart(6, '0')}` },
    entityType: 'GENERATION',
  }));
}
