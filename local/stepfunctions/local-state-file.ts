/**
 * Where `npm start` tells other commands how to reach its local Step Functions (the endpoint's
 * port is picked at start): `.local/stepfunctions.json`, written on start and removed on stop,
 * read by `local/stepfunctions/cli.ts`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localStateDir } from '../config';

export interface StepFunctionsState {
  endpoint: string;
  stateMachineArn: string;
}

export const stepFunctionsStateFile = join(localStateDir, 'stepfunctions.json');

export function writeStepFunctionsState(state: StepFunctionsState, file = stepFunctionsStateFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

export function readStepFunctionsState(file = stepFunctionsStateFile): StepFunctionsState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StepFunctionsState;
  } catch {
    return undefined;
  }
}

export function removeStepFunctionsState(file = stepFunctionsStateFile): void {
  rmSync(file, { force: true });
}
