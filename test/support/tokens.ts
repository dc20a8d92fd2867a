/**
 * Tokens the local Cognito would never issue, for authorizer tests: RS256 JWTs signed with a
 * fresh key (a foreign signer), or with cognito-local's own key but claims it would not write
 * (expired, another issuer, another client). node:crypto only.
 */
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localEnvNames, localRegion } from '../../local/config';

export interface MintOptions {
  /** Claims merged over a well-formed access token for the local pool and client. */
  claims?: Record<string, unknown>;
  /** 'foreign': a key nobody publishes; 'cognito-local': the emulator's own signing key. @default 'foreign' */
  signer?: 'foreign' | 'cognito-local';
  /** @default 'CognitoLocal', the kid cognito-local's JWKS lists */
  kid?: string;
}

let foreignKey: KeyObject | undefined;

function signingKey(signer: 'foreign' | 'cognito-local'): KeyObject {
  if (signer === 'cognito-local') {
    const keyFile = join(
      dirname(require.resolve('cognito-local/package.json')),
      'lib',
      'keys',
      'cognitoLocal.private.json',
    );
    return createPrivateKey((JSON.parse(readFileSync(keyFile, 'utf8')) as { pem: string }).pem);
  }
  foreignKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return foreignKey;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The issuer tokens from the local pool carry, as in AWS. */
export function localIssuer(userPoolId = process.env[localEnvNames.userPoolId]): string {
  return `https://cognito-idp.${localRegion}.amazonaws.com/${userPoolId}`;
}

export function mintToken({ claims = {}, signer = 'foreign', kid = 'CognitoLocal' }: MintOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: randomUUID(),
    iss: localIssuer(),
    client_id: process.env[localEnvNames.userPoolClientId],
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: now,
    iat: now,
    exp: now + 900,
    jti: randomUUID(),
    ...claims,
  };
  const unsigned = `${base64url({ alg: 'RS256', typ: 'JWT', kid })}.${base64url(payload)}`;
  const signature = sign('sha256', Buffer.from(unsigned), signingKey(signer)).toString('base64url');
  return `${unsigned}.${signature}`;
}

/** Signed by a key the local pool does not publish, claiming the local issuer. */
export const mintForeignKeyToken = (claims: Record<string, unknown> = {}) => mintToken({ claims, signer: 'foreign' });

/** Another user pool's token: its own key and issuer. */
export const mintForeignIssuerToken = (claims: Record<string, unknown> = {}) =>
  mintToken({
    claims: { iss: localIssuer(`${localRegion}_Elsewhere`), ...claims },
    signer: 'foreign',
    kid: 'elsewhere-key',
  });

/** Validly signed by cognito-local, but expired a minute ago. */
export function mintExpiredToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return mintToken({
    claims: { iat: now - 960, auth_time: now - 960, exp: now - 60, ...claims },
    signer: 'cognito-local',
  });
}
