/** Step 7 of account deletion: the Cognito user is deleted. */
import { cognitoUserDirectory } from '../../adapters/cognito/user-directory';
import { deleteSignInUser } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { userIdInput } from './deps';

export const handler = workflowStep('DeleteSignInUser', userIdInput, (input) =>
  deleteSignInUser({ directory: cognitoUserDirectory() }, input),
);
