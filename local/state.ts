/**
 * The running stack's connection info, written by `npm start` under .local/ and read by
 * `npm run local:token`, so the token script finds a stack started on non-default ports.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localStateDir } from './config';
import type { CognitoConnection } from './sign-in';

export interface LocalStackState {
  /** Pid of the `npm start` process that owns the stack. */
  pid: number;
  apiUrl: string;
  cognito: CognitoConnection;
  /** Emulator process ids (each leads its own process group), to check nothing outlives a stop. */
  emulatorPids: Record<string, number>;
  startedAt: string;
}

export const stateFile = join(localStateDir, 'state.json');

export function writeState(state: LocalStackState, file = stateFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

export function readState(file = stateFile): LocalStackState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalStackState;
  } catch {
    return undefined;
  }
}

export function removeState(file = stateFile): void {
  rmSync(file, { force: true });
}
