/**
 * DELETE /v1/me: the API side of account deletion. The work itself is the workflow's
 * (./steps.ts); this only marks the account and starts it.
 */
import { handOver } from '../outbox/hand-over';
import type { DeferredHandOver, OutboxStore } from '../outbox/ports';
import type { Clock } from '../shared/clock';
import type { DeletionStatusView } from './deletion';
import { toDeletionStatusView } from './get-deletion-status';
import type { AccountDeletionStore, DeletionWorkflow } from './ports';

export interface RequestAccountDeletionDeps {
  store: AccountDeletionStore;
  workflow: DeletionWorkflow;
  outbox: OutboxStore;
  deferred: DeferredHandOver;
  now: Clock;
}

/**
 * DELETE /v1/me. Primary course: 1. mark the account DELETING (from then on every route refuses
 * its tokens, SECURITY B4); 2. start the workflow under a name derived from the user id;
 * 3. answer the status. A repeated request marks nothing new and finds the execution already
 * there ("already requested" is success, SECURITY E2). Marking first, with the account in the
 * outbox, means a lost start is made good by the outbox sweeper (or sooner by the client's retry,
 * allowed on a DELETING account); starting first could leave a running workflow behind an
 * account that still answers. A start that fails here is therefore not the caller's failure.
 */
export async function requestAccountDeletion(
  deps: RequestAccountDeletionDeps,
  userId: string,
): Promise<DeletionStatusView> {
  const marked = await deps.store.markDeleting(userId, deps.now().toISOString(), 'pending');
  if (marked.outcome === 'deleted') return toDeletionStatusView(marked.state);
  await handOver({ kind: 'account-deletion', userId }, () => deps.workflow.start({ userId }), deps);
  return { status: 'in_progress', requestedAt: marked.requestedAt, completedAt: null };
}
