/**
 * Getting an access token from cognito-local for an email address. cognito-local has no email
 * one-time codes (the real pool's flow), only passwords: the user is created if missing, given a
 * fresh random password, and signed in with USER_PASSWORD_AUTH. Used by `npm run local:token`
 * and by the integration tests.
 */
import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CreateGroupCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { envNames } from '../lambdas/shared/config';
import { localCredentials, localEnvNames, localRegion, LocalStackError } from './config';

export interface CognitoConnection {
  /** cognito-local's base URL, e.g. http://127.0.0.1:9229 */
  endpoint: string;
  userPoolId: string;
  clientId: string;
  /** @default us-east-1 */
  region?: string;
}

export interface SignInResult {
  accessToken: string;
  idToken: string;
  /** The Cognito user id: the `sub` claim, Pictor's user id for app users. */
  sub: string;
  email: string;
}

/** Reads the connection from the handler env the local stack exports (tests, scripts). */
export function cognitoConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): CognitoConnection {
  const endpoint = env[localEnvNames.cognitoEndpoint];
  const userPoolId = env[localEnvNames.userPoolId];
  const clientId = env[localEnvNames.userPoolClientId];
  if (!endpoint || !userPoolId || !clientId) {
    throw new LocalStackError(
      `No local Cognito in the environment: ${localEnvNames.cognitoEndpoint}, ` +
        `${localEnvNames.userPoolId} and ${localEnvNames.userPoolClientId} must be set.`,
    );
  }
  return { endpoint, userPoolId, clientId, region: env[envNames.awsRegion] ?? localRegion };
}

/** Payload of a JWT, unverified: only for reading our own fresh token's claims. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export interface SignInOptions {
  /**
   * Cognito groups to put the user in before signing in (created in the pool if missing), e.g.
   * `moderators`: cognito-local supports groups and puts them in the access token's
   * `cognito:groups` claim, as Cognito does. A user stays in a group once added.
   */
  groups?: readonly string[];
}

export async function signIn(
  connection: CognitoConnection,
  email: string,
  options: SignInOptions = {},
): Promise<SignInResult> {
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new LocalStackError(`"${email}" is not an email address.`);
  const client = new CognitoIdentityProviderClient({
    endpoint: connection.endpoint,
    region: connection.region ?? localRegion,
    credentials: localCredentials,
    maxAttempts: 1,
  });
  // Meets any password policy; a fresh one per sign-in, so nothing needs remembering.
  const password = `Pw1!${randomBytes(18).toString('base64url')}`;
  try {
    try {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: connection.userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
          MessageAction: 'SUPPRESS',
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'UsernameExistsException') throw error;
    }
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: connection.userPoolId,
        Username: email,
        Password: password,
        Permanent: true,
      }),
    );
    for (const group of options.groups ?? []) {
      try {
        await client.send(new CreateGroupCommand({ UserPoolId: connection.userPoolId, GroupName: group }));
      } catch (error) {
        if ((error as Error).name !== 'GroupExistsException') throw error;
      }
      await client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: connection.userPoolId, Username: email, GroupName: group }),
      );
    }
    const { AuthenticationResult: tokens } = await client.send(
      new InitiateAuthCommand({
        ClientId: connection.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    if (!tokens?.AccessToken || !tokens.IdToken)
      throw new LocalStackError(`cognito-local returned no tokens for ${email}.`);
    const sub = decodeJwtPayload(tokens.AccessToken).sub;
    return { accessToken: tokens.AccessToken, idToken: tokens.IdToken, sub: String(sub), email };
  } finally {
    client.destroy();
  }
}
