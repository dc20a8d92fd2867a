/**
 * Jest globalTeardown: stops every emulator started by the setup, then checks that none of
 * their processes survived (the DynamoDB Local JVM outlives a plain kill of its parent, so
 * this is worth failing loudly on), and removes the data dir.
 */
import { rm } from 'node:fs/promises';
import { integrationGlobals } from './integration-globals';

function isAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function teardown(): Promise<void> {
  const handles = integrationGlobals.take();
  if (!handles) return;
  await handles.emulators.stop();
  await rm(handles.dataDir, { recursive: true, force: true });
  const survivors = Object.entries(handles.emulators.pids).filter(([, pid]) => isAlive(pid));
  if (survivors.length > 0) {
    throw new Error(
      `Emulator processes survived the teardown: ${survivors.map(([name, pid]) => `${name} (pgid ${pid})`).join(', ')}`,
    );
  }
}
