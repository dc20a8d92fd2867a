/** GET /v1/me/deletion: where the caller's account deletion stands. */
import type { DeletionStatusView } from './deletion';
import type { DeletionState, DeletionStateStore } from './ports';

export interface GetDeletionStatusDeps {
  store: DeletionStateStore;
}

/**
 * GET /v1/me/deletion. Primary course: 1. read the profile's status and deletion dates (one
 * GetItem); 2. answer not requested, in progress or completed. It answers while the account's
 * tokens are still valid, whatever its status: this is how an app follows a deletion through.
 */
export async function getDeletionStatus(deps: GetDeletionStatusDeps, userId: string): Promise<DeletionStatusView> {
  return toDeletionStatusView(await deps.store.deletionState(userId));
}

/** The status the apps see for a profile's deletion state (none: never requested). */
export function toDeletionStatusView(state: DeletionState | undefined): DeletionStatusView {
  if (state?.status === 'DELETED') {
    return { status: 'completed', requestedAt: state.requestedAt ?? null, completedAt: state.completedAt ?? null };
  }
  if (state?.status === 'DELETING')
    return { status: 'in_progress', requestedAt: state.requestedAt ?? null, completedAt: null };
  return { status: 'not_requested', requestedAt: null, completedAt: null };
}
