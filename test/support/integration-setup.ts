/**
 * Jest globalSetup for the integration project: starts DynamoDB Local, s3rver and cognito-local
 * on free ports with a throwaway data dir, and exports the handler environment (endpoints,
 * region, fake credentials, table, bucket, pool and client ids) through process.env, which the
 * test workers inherit. The handles stay on globalThis for the teardown.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envNames } from '../../lambdas/shared/config';
import { ephemeralPorts, startEmulators } from '../../local/emulators';
import { integrationGlobals } from './integration-globals';

export default async function setup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pictor-it-'));
  try {
    // In memory: every run starts from an empty table, and nothing is left on disk.
    const emulators = await startEmulators({ ports: await ephemeralPorts(), dataDir, persist: false });
    // Not the stage's request budgets: every worker inherits this environment, the unit project's
    // too, whose handlers would then count (and fail closed) against no table. startTestApi sets
    // each file's own (relaxed unless a file asks for small ones).
    const { [envNames.routeLimits]: _stageBudgets, ...env } = emulators.env;
    Object.assign(process.env, env);
    integrationGlobals.set({ emulators, dataDir });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
