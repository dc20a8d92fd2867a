/**
 * The UserDirectory port on Cognito's admin API (CONTRACTS §4.6), as SigV4-signed JSON 1.1
 * requests instead of the Cognito SDK client, which the moderation route that suspends accounts
 * would carry for three small calls (P2: the signed S3, Bedrock and SNS requests do the same,
 * lambdas/adapters/signing). The user id is the `sub`, which Cognito accepts as `Username`. A
 * user that is not there (a Telegram-only account, or a step run again after it succeeded) is
 * 'absent', not an error. Locally AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points it at
 * cognito-local.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { UserDirectory } from '../../domain/account-deletion/ports';
import { userDirectoryConfig } from '../../shared/config';
import { logger } from '../../shared/logger';
import { signPost, sigV4Signer } from '../signing/sigv4';

export interface SignedUserDirectoryOptions {
  userPoolId: string;
  region: string;
  /** @default https://cognito-idp.<region>.amazonaws.com */
  endpoint?: string;
  credentials?: AwsCredentialIdentityProvider;
  fetch?: typeof fetch;
}

/** Cognito refused or failed a call; `type` is its error type without the namespace. */
export class CognitoCallError extends Error {
  constructor(
    readonly type: string,
    readonly status: number | undefined,
    options?: ErrorOptions,
  ) {
    super(`Cognito ${type}${status ? ` (HTTP ${status})` : ''}`, options);
    this.name = type;
  }
}

type AdminAction = 'AdminDisableUser' | 'AdminUserGlobalSignOut' | 'AdminDeleteUser';

/** The error type a JSON 1.1 answer names: `__type` (or the header), namespace and `:` suffix dropped. */
function errorTypeOf(body: unknown, header: string | null): string {
  const raw = (body as { __type?: unknown } | undefined)?.__type ?? header ?? 'UnknownError';
  return String(raw).replace(/^.*#/, '').split(':')[0];
}

export function signedUserDirectory(options: SignedUserDirectoryOptions): UserDirectory {
  const url = new URL(options.endpoint ?? `https://cognito-idp.${options.region}.amazonaws.com/`);
  const transport = options.fetch ?? fetch;
  const signer = sigV4Signer({ service: 'cognito-idp', region: options.region, credentials: options.credentials });

  async function call(action: AdminAction, userId: string): Promise<void> {
    const body = JSON.stringify({ UserPoolId: options.userPoolId, Username: userId });
    const request = await signPost({
      signer,
      url,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body,
    });
    let response: Response;
    try {
      response = await transport(url, { ...request, signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      throw new CognitoCallError('NetworkError', undefined, { cause: error });
    }
    if (response.ok) return;
    const answer = await response.json().catch(() => undefined);
    throw new CognitoCallError(errorTypeOf(answer, response.headers.get('x-amzn-errortype')), response.status);
  }

  const absentWhenNotFound = async (action: AdminAction, userId: string): Promise<'done' | 'absent'> => {
    try {
      await call(action, userId);
      return 'done';
    } catch (error) {
      if (error instanceof CognitoCallError && error.type === 'UserNotFoundException') return 'absent';
      throw error;
    }
  };

  return {
    async disableAndSignOut(userId) {
      if ((await absentWhenNotFound('AdminDisableUser', userId)) === 'absent') return 'absent';
      try {
        await call('AdminUserGlobalSignOut', userId);
      } catch (error) {
        const type = error instanceof CognitoCallError ? error.type : undefined;
        if (type === 'UserNotFoundException') return 'absent';
        // cognito-local has no AdminUserGlobalSignOut (Cognito itself always does). Disabling
        // already revokes the user's tokens in Cognito, and the table's status refuses them at
        // the API, so the step goes on.
        if (type !== 'Unsupported') throw error;
        logger.warn('the user directory cannot sign users out everywhere; the account status refuses their tokens');
      }
      return 'done';
    },

    deleteUser: (userId) => absentWhenNotFound('AdminDeleteUser', userId),
  };
}

let directory: UserDirectory | undefined;

/** The stage's user directory, from the environment, built once per container. */
export function cognitoUserDirectory(): UserDirectory {
  const config = userDirectoryConfig();
  directory ??= signedUserDirectory({
    userPoolId: config.USER_POOL_ID,
    region: config.AWS_REGION,
    endpoint: config.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
  });
  return directory;
}
