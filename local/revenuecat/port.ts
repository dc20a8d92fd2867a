/** The fake RevenueCat's port: 8085 unless PICTOR_REVENUECAT_PORT says otherwise (as local/config.ts's ports). */
import { LocalStackError } from '../config';

export const fakeRevenueCatPortEnvName = 'PICTOR_REVENUECAT_PORT';

export function fakeRevenueCatPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[fakeRevenueCatPortEnvName];
  if (raw === undefined || raw === '') return 8085;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalStackError(`${fakeRevenueCatPortEnvName}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

/** The key the fake expects and the local stack's RevenueCat secret holds (a local value, not a secret). */
export const fakeRevenueCatApiKey = 'sk_local_fake_revenuecat';
