/** Step 2 of account deletion: the Cognito user is disabled and signed out everywhere. */
import { cognitoUserDirectory } from '../../adapters/cognito/user-directory';
import { disableSignIn } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { userIdInput } from './deps';

export const handler = workflowStep('DisableSignIn', userIdInput, (input) =>
  disableSignIn({ directory: cognitoUserDirectory() }, input),
);
