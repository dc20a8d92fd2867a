/** Step 1 of account deletion: the account is DELETING (lambdas/domain/account-deletion/steps.ts). */
import { markAccountDeleting } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { deletionStore, now, userIdInput } from './deps';

export const handler = workflowStep('MarkDeleting', userIdInput, (input) =>
  markAccountDeleting({ store: deletionStore(), now }, input),
);
