/**
 * The local stand-in for API Gateway's JWT authorizer: the production verifier (aws-jwt-verify's
 * CognitoJwtVerifier) with cognito-local's JWKS preloaded, so verifying never touches the
 * network. It checks what API Gateway checks (signature and kid, `iss`, `exp`, `nbf`, and the
 * app client as `aud` or `client_id`) and fails like it: 401 {"message":"Unauthorized"} with a
 * www-authenticate header.
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import {
  CognitoJwtInvalidClientIdError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureError,
  KidNotFoundInJwksError,
} from 'aws-jwt-verify/error';
import type { Jwks } from './emulators/cognito';

export interface JwtAuthorizerOptions {
  userPoolId: string;
  clientId: string;
  jwks: Jwks;
  /**
   * API Gateway cannot tell access from ID tokens: it accepts either whose `aud` or `client_id`
   * is the app client, so the handlers refuse ID tokens themselves (lambdas/shared/http/caller.ts).
   * `null` keeps that behaviour, so the handlers' own check is exercised locally; 'access' is stricter.
   * @default null
   */
  tokenUse?: 'access' | null;
}

/** Claims as API Gateway hands them to the integration: every value a string. */
export type ApiGatewayClaims = Record<string, string>;

export type AuthorizerResult =
  | { authorized: true; claims: ApiGatewayClaims }
  | { authorized: false; wwwAuthenticate: string };

/**
 * API Gateway renders claim values as strings: numbers and booleans stringified, arrays in a
 * bracketed space-separated form (`cognito:groups` → "[moderators admins]", not JSON), objects
 * as JSON. Mirroring it locally keeps handlers from relying on types they will not get in AWS.
 */
export function toApiGatewayClaims(payload: Record<string, unknown>): ApiGatewayClaims {
  const claims: ApiGatewayClaims = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') claims[name] = value;
    else if (Array.isArray(value))
      claims[name] = `[${value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(' ')}]`;
    else if (typeof value === 'object') claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

function describe(error: unknown): string {
  if (error instanceof JwtExpiredError) return 'the token has expired';
  if (error instanceof JwtInvalidIssuerError) return 'the token does not have a valid issuer';
  if (error instanceof CognitoJwtInvalidClientIdError) return 'the token does not have a valid audience';
  if (error instanceof JwtInvalidSignatureError || error instanceof KidNotFoundInJwksError)
    return 'the token signature is invalid';
  return 'the token is invalid';
}

/** Returns a synchronous authorizer for the `Authorization` header value. */
export function createJwtAuthorizer({ userPoolId, clientId, jwks, tokenUse = null }: JwtAuthorizerOptions) {
  // With tokenUse null, aws-jwt-verify checks `aud` on ID tokens and `client_id` on access tokens.
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse });
  verifier.cacheJwks(jwks);

  return function authorize(authorization: string | undefined): AuthorizerResult {
    // API Gateway takes the token with or without the "Bearer " prefix.
    const token = authorization?.trim().replace(/^bearer\s+/i, '');
    if (!token) return { authorized: false, wwwAuthenticate: 'Bearer' };
    try {
      // verifySync uses only the cached JWKS: an unknown kid fails instead of fetching from AWS.
      const payload = verifier.verifySync(token) as unknown as Record<string, unknown>;
      return { authorized: true, claims: toApiGatewayClaims(payload) };
    } catch (error) {
      return {
        authorized: false,
        wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${describe(error)}"`,
      };
    }
  };
}
