/**
 * The UserDirectory port on Cognito's admin API (CONTRACTS §4.6). The user id is the `sub`,
 * which Cognito accepts as `Username`. A user that is not there (a Telegram-only account, or a
 * step run again after it succeeded) is 'absent', not an error.
 */
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserDirectory } from '../../domain/account-deletion/ports';
import { userDirectoryConfig } from '../../shared/config';
import { logger } from '../../shared/logger';

let client: CognitoIdentityProviderClient | undefined;

export function cognitoClient(): CognitoIdentityProviderClient {
  client ??= new CognitoIdentityProviderClient({});
  return client;
}

const isUserNotFound = (error: unknown) => error instanceof Error && error.name === 'UserNotFoundException';

/**
 * cognito-local (the local stack's Cognito) has no AdminUserGlobalSignOut and answers
 * `CognitoLocal#Unsupported`; Cognito itself never does. Disabling already revokes the user's
 * tokens in Cognito, and the table's status refuses them at the API, so the step goes on.
 */
const isEmulatorWithoutSignOut = (error: unknown) => error instanceof Error && error.name === 'Unsupported';

export function cognitoUserDirectory(
  cognito: CognitoIdentityProviderClient = cognitoClient(),
  userPoolId: string = userDirectoryConfig().USER_POOL_ID,
): UserDirectory {
  const absentWhenNotFound = async (call: () => Promise<unknown>): Promise<'done' | 'absent'> => {
    try {
      await call();
      return 'done';
    } catch (error) {
      if (isUserNotFound(error)) return 'absent';
      throw error;
    }
  };

  return {
    async disableAndSignOut(userId) {
      const disabled = await absentWhenNotFound(() =>
        cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: userId })),
      );
      if (disabled === 'absent') return 'absent';
      try {
        await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: userId }));
      } catch (error) {
        if (isUserNotFound(error)) return 'absent';
        if (!isEmulatorWithoutSignOut(error)) throw error;
        logger.warn('the user directory cannot sign users out everywhere; the account status refuses their tokens');
      }
      return 'done';
    },

    deleteUser: (userId) =>
      absentWhenNotFound(() => cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: userId }))),
  };
}
