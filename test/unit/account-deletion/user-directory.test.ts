import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { cognitoUserDirectory } from '../../../lambdas/adapters/cognito/user-directory';

const client = new CognitoIdentityProviderClient({ region: 'us-east-1' });
const cognito = mockClient(client);
const directory = cognitoUserDirectory(client, 'us-east-1_pool');
const notFound = () => new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });
const serviceError = (name: string) =>
  new CognitoIdentityProviderServiceException({ name, $fault: 'client', message: name, $metadata: {} });

beforeEach(() => cognito.reset());

it('disables the user, then signs it out everywhere, by its sub', async () => {
  await expect(directory.disableAndSignOut('sub-1')).resolves.toBe('done');
  expect(cognito.commandCalls(AdminDisableUserCommand)[0].args[0].input).toEqual({
    UserPoolId: 'us-east-1_pool',
    Username: 'sub-1',
  });
  expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)[0].args[0].input).toEqual({
    UserPoolId: 'us-east-1_pool',
    Username: 'sub-1',
  });
});

it('answers absent for a user that is not there (a Telegram-only account, or a second run)', async () => {
  cognito.on(AdminDisableUserCommand).rejects(notFound());
  cognito.on(AdminDeleteUserCommand).rejects(notFound());
  await expect(directory.disableAndSignOut('sub-1')).resolves.toBe('absent');
  await expect(directory.deleteUser('sub-1')).resolves.toBe('absent');
  expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(0);
});

it('goes on when the directory cannot sign users out (cognito-local), but not on other errors', async () => {
  cognito
    .on(AdminUserGlobalSignOutCommand)
    .rejectsOnce(serviceError('Unsupported'))
    .rejects(serviceError('NotAuthorizedException'));
  await expect(directory.disableAndSignOut('sub-1')).resolves.toBe('done');
  await expect(directory.disableAndSignOut('sub-1')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
});

it('deletes the user', async () => {
  await expect(directory.deleteUser('sub-1')).resolves.toBe('done');
  expect(cognito.commandCalls(AdminDeleteUserCommand)[0].args[0].input).toEqual({
    UserPoolId: 'us-east-1_pool',
    Username: 'sub-1',
  });
});
