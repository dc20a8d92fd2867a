/** Step 6 of account deletion: the retained account summary (docs/retention.md). */
import { writeRetainedRecords } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { deletionStore, now, subjectHasher, userIdInput } from './deps';

export const handler = workflowStep('WriteRetainedRecords', userIdInput, (input) =>
  writeRetainedRecords({ store: deletionStore(), hasher: subjectHasher(), now }, input),
);
