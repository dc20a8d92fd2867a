/**
 * Step 4 of account deletion: the user's objects, at most `budget` per invocation (five
 * list-and-delete pages: well inside the function's timeout), looped by the state machine.
 */
import { s3ObjectPurger } from '../../adapters/s3/object-purger';
import { purgeObjects } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { userIdInput } from './deps';

const budget = 5_000;

export const handler = workflowStep('PurgeObjects', userIdInput, (input) =>
  purgeObjects({ purger: s3ObjectPurger(), budget }, input),
);
