/**
 * cognito-local, seeded with one user pool and one public app client by writing its state files
 * before it starts (it has no seeding API that keeps an id of our choosing). The issuer domain is
 * set to AWS's, so tokens carry `https://cognito-idp.us-east-1.amazonaws.com/<poolId>` and the
 * production verifier (aws-jwt-verify) accepts them unchanged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { LocalStackError, localNames, localRegion } from '../config';
import { spawnLogged, waitUntilReady, type ManagedProcess } from './process';

export type { Jwks };

export interface CognitoEmulator {
  readonly endpoint: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The keys cognito-local signs with, fetched once so verifiers never need the internet. */
  readonly jwks: Jwks;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

export const cognitoIssuerDomain = `https://cognito-idp.${localRegion}.amazonaws.com`;

export function jwksUrl(endpoint: string, userPoolId: string): string {
  return `${endpoint}/${userPoolId}/.well-known/jwks.json`;
}

function readClients(file: string, stateDir: string): { Clients: Record<string, unknown> } {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { Clients?: Record<string, unknown> };
    return { ...parsed, Clients: parsed.Clients ?? {} };
  } catch (error) {
    throw new LocalStackError(
      `Cannot read ${file} (${(error as Error).message}): delete ${stateDir} to reset the local users.`,
    );
  }
}

/** Writes cognito-local's files (config, app client, pool); an existing pool keeps its users. */
export function seedCognito(stateDir: string): void {
  const dbDir = join(stateDir, '.cognito', 'db');
  mkdirSync(dbDir, { recursive: true });
  const config = {
    TokenConfig: { IssuerDomain: cognitoIssuerDomain },
    // Merged into every pool's options: sign in by email, as the real pool does.
    UserPoolDefaults: { Name: 'pictor-local', UsernameAttributes: ['email'], MfaConfiguration: 'OFF' },
  };
  writeFileSync(join(stateDir, '.cognito', 'config.json'), JSON.stringify(config, null, 2));

  const clientsFile = join(dbDir, 'clients.json');
  const clients = existsSync(clientsFile) ? readClients(clientsFile, stateDir) : { Clients: {} };
  const now = new Date().toISOString();
  clients.Clients[localNames.userPoolClientId] = {
    ClientId: localNames.userPoolClientId,
    ClientName: 'pictor-local-app',
    UserPoolId: localNames.userPoolId,
    CreationDate: now,
    LastModifiedDate: now,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    // Access tokens live 15 minutes, as in AWS (ARCHITECTURE.md section 5).
    AccessTokenValidity: 15,
    IdTokenValidity: 15,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  };
  writeFileSync(clientsFile, JSON.stringify(clients, null, 2));

  // Without an "Options" key cognito-local builds the pool's options from its AWS defaults,
  // UserPoolDefaults above and the file name (the pool id).
  const poolFile = join(dbDir, `${localNames.userPoolId}.json`);
  if (!existsSync(poolFile)) writeFileSync(poolFile, JSON.stringify({ Users: {} }, null, 2));
}

/** Starts cognito-local with its state in `<dataDir>/cognito` and waits until it serves the JWKS. */
export async function startCognito({ port, dataDir }: { port: number; dataDir: string }): Promise<CognitoEmulator> {
  const stateDir = resolve(dataDir, 'cognito');
  seedCognito(stateDir);
  const cli = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const managed = spawnLogged('cognito-local', process.execPath, [cli], {
    cwd: stateDir,
    logFile: join(dataDir, 'logs', 'cognito-local.log'),
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const url = jwksUrl(endpoint, localNames.userPoolId);
  const jwks = await waitUntilReady(managed, async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return (await response.json()) as Jwks;
  });
  return {
    endpoint,
    userPoolId: localNames.userPoolId,
    clientId: localNames.userPoolClientId,
    jwks,
    process: managed,
    stop: () => managed.stop(),
  };
}
