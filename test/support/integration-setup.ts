/**
 * Jest globalSetup for the integration project: starts DynamoDB Local, s3rver and cognito-local
 * on free ports with a throwaway data dir, and exports the handler environment (endpoints,
 * region, fake credentials, table, bucket, pool and client ids) through process.env, which the
 * test workers inherit. The handles stay on globalThis for the teardown.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ephemeralPorts, startEmulators } from '../../local/emulators';
import { integrationGlobals } from './integration-globals';

export default async function setup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pictor-it-'));
  try {
    // In memory: every run starts from an empty table, and nothing is left on disk.
    const emulators = await startEmulators({ ports: await ephemeralPorts(), dataDir, persist: false });
    Object.assign(process.env, emulators.env);
    integrationGlobals.set({ emulators, dataDir });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
