/**
 * Pictor's own state machine: the account-deletion workflow the API stack declares, with each
 * Task mapped to its row of lib/deletion-workflow.ts (the task steps and the failure path's).
 */
import { allDeletionSteps } from '../../lib/deletion-workflow';
import type { PictorTemplates } from '../synth-template';
import { loadStateMachineDefinition, type LocalStateMachineDefinition } from './state-machine-definition';

export function pictorDeletionWorkflow(templates: PictorTemplates): LocalStateMachineDefinition {
  const names = templates.stackNames;
  return loadStateMachineDefinition({
    stack: { stackName: names.api, template: templates.api },
    otherStacks: [{ stackName: names.stateful, template: templates.stateful }],
    steps: allDeletionSteps,
    pathContains: '/AccountDeletion/',
  });
}

/** What the time scale means, on the definition's longest fixed Wait: "WaitBeforeResuming waits 9s, not 900s". */
export function scaledWaitExample(definition: LocalStateMachineDefinition, timeScale: number): string | undefined {
  const waits = Object.entries(definition.definition.States as Record<string, { Type: string; Seconds?: number }>)
    .filter(([, state]) => state.Type === 'Wait' && typeof state.Seconds === 'number')
    .sort(([, a], [, b]) => (b.Seconds ?? 0) - (a.Seconds ?? 0));
  if (waits.length === 0) return undefined;
  const [name, { Seconds: seconds = 0 }] = waits[0];
  return `${name} waits ${Number((seconds * timeScale).toFixed(3))}s, not ${seconds}s`;
}
