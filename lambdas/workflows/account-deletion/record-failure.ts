/**
 * The failure path of account deletion: a step ran out of retries. Noted on the account; the
 * alarm watches this function's invocations, so any run of it calls a person
 * (docs/runbooks/account-deletion.md says what to do).
 */
import * as v from 'valibot';
import { recordStepFailure } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { deletionStore, now, userIdInput } from './deps';

const input = v.object({
  ...userIdInput.entries,
  step: v.pipe(v.string(), v.maxLength(80)),
  error: v.pipe(v.string(), v.maxLength(2000)),
});

export const handler = workflowStep('RecordFailure', input, (failure) =>
  recordStepFailure({ store: deletionStore(), now }, failure),
);
