/**
 * Who is calling, taken from the claims API Gateway's JWT authorizer verified. The owner of
 * every read and write comes from here, never from the path or the body.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { isUserId } from '../../domain/shared/id-formats';
import { UnauthenticatedError } from '../errors';

export interface Caller {
  /** The Cognito `sub`: Pictor's user id. */
  readonly userId: string;
  readonly groups: readonly string[];
}

export function callerFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const sub = claims.sub;
  if (!isUserId(sub)) {
    throw new UnauthenticatedError();
  }
  // API Gateway accepts an ID token too (it checks `aud` or `client_id`); only access tokens,
  // which live 15 minutes and carry no profile data, may call the API.
  if (claims.token_use !== 'access') {
    throw new UnauthenticatedError('Use an access token.');
  }
  return { userId: sub, groups: parseGroups(claims['cognito:groups']) };
}

/** API Gateway flattens array claims to a string such as "[moderators admins]". */
function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string' || claim.length === 0) return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group.length > 0);
}
