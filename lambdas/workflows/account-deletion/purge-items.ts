/**
 * Step 5 of account deletion: the user's items, at most `budget` per invocation (200
 * BatchWriteItem calls, four in flight), looped by the state machine.
 */
import { purgeItems } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { deletionStore, now, reportRecords, subjectHasher, userIdInput } from './deps';

const budget = 5_000;
/** Keys-only pages of 1,000 items stay far below Query's 1 MB page. */
const pageSize = 1_000;

export const handler = workflowStep('PurgeItems', userIdInput, (input) =>
  purgeItems(
    { store: deletionStore(), reports: reportRecords(), hasher: subjectHasher(), now, budget, pageSize },
    input,
  ),
);
