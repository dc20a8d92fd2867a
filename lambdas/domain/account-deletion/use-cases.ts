/**
 * The API side of account deletion: DELETE /v1/me and GET /v1/me/deletion. The work itself is
 * the workflow's (./steps.ts); these only mark the account and start or describe it.
 */
import { handOver, type DeferredHandOver, type OutboxStore } from '../outbox/outbox';
import type { DeletionStatusView } from './deletion';
import type { AccountDeletionStore, DeletionState, DeletionStateStore, DeletionWorkflow } from './ports';

export interface DeletionRequestDeps {
  store: AccountDeletionStore;
  workflow: DeletionWorkflow;
  outbox: OutboxStore;
  deferred: DeferredHandOver;
  now: () => string;
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
export async function requestAccountDeletion(deps: DeletionRequestDeps, userId: string): Promise<DeletionStatusView> {
  const marked = await deps.store.markDeleting(userId, deps.now(), 'pending');
  if (marked.outcome === 'deleted') return statusView(marked.state);
  await handOver({ kind: 'account-deletion', userId }, () => deps.workflow.start({ userId }), deps);
  return { status: 'in_progress', requestedAt: marked.requestedAt, completedAt: null };
}

/** GET /v1/me/deletion: answers while the account's tokens are still valid, whatever its status. */
export async function getDeletionStatus(
  deps: { store: DeletionStateStore },
  userId: string,
): Promise<DeletionStatusView> {
  return statusView(await deps.store.deletionState(userId));
}

function statusView(state: DeletionState | undefined): DeletionStatusView {
  if (state?.status === 'DELETED') {
    return { status: 'completed', requestedAt: state.requestedAt ?? null, completedAt: state.completedAt ?? null };
  }
  if (state?.status === 'DELETING')
    return { status: 'in_progress', requestedAt: state.requestedAt ?? null, completedAt: null };
  return { status: 'not_requested', requestedAt: null, completedAt: null };
}
