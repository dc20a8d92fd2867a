/**
 * Smoke check of the real thing: the account-deletion state machine synthesized from the CDK app
 * loads, every Task maps to a row of lib/deletion-workflow.ts whose handler module exists, and
 * the definition runs locally, its happy path and its failure path, with stand-in handlers.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StartExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { allDeletionSteps, deletionSteps } from '../../../lib/deletion-workflow';
import { repoRoot } from '../../../local/config';
import type { Handler } from '../../../local/handler-loader';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../../local/stepfunctions';
import { pictorDeletionWorkflow, scaledWaitExample } from '../../../local/stepfunctions/deletion-workflow';
import type { LocalStateMachineDefinition } from '../../../local/stepfunctions/state-machine-definition';
import { cachedTemplates } from '../../../local/template-cache';

let workflow: LocalStateMachineDefinition;
beforeAll(() => {
  // A cold synth of the whole app takes seconds; later runs read the cache.
  workflow = pictorDeletionWorkflow(cachedTemplates('dev'));
}, 180_000);

describe('the synthesized account-deletion workflow', () => {
  it('maps every Task to a step of lib/deletion-workflow.ts, and every step to a Task', () => {
    const byStep = new Map([...workflow.tasks.values()].map((task) => [task.stepId, task]));
    expect([...byStep.keys()].sort()).toEqual(allDeletionSteps.map((step) => step.id).sort());
    for (const step of allDeletionSteps) {
      const task = byStep.get(step.id);
      expect(task).toMatchObject({ stateName: step.id, entry: step.entry, timeoutSeconds: step.timeoutSeconds });
      expect(existsSync(resolve(repoRoot, step.entry))).toBe(true);
    }
    expect(workflow.unusedSteps).toEqual([]);
    expect(workflow.warnings).toEqual([]);
  });

  it('is plain States Language once resolved: no intrinsic or token left', () => {
    const text = JSON.stringify(workflow.definition);
    expect(text).not.toMatch(/Fn::|"Ref"|\$\{Token/);
    expect(workflow.name).toBe('pictor-account-deletion-local');
    expect(scaledWaitExample(workflow, 0.01)).toMatch(/^\w+ waits [\d.]+s, not \d+s$/);
  });

  describe('run locally with stand-in handlers', () => {
    let steps: LocalStepFunctions;
    let sfn: SFNClient;
    const calls = new Map<string, unknown[]>();

    beforeEach(async () => {
      calls.clear();
      const byEntry = new Map<string, Handler>(
        allDeletionSteps.map((step) => [
          step.entry,
          async (event: unknown) => {
            calls.set(step.id, [...(calls.get(step.id) ?? []), event]);
            return step.loopsUntilDone ? { done: true, removed: 0 } : { [step.id]: 'done' };
          },
        ]),
      );
      steps = await startLocalStepFunctions({
        definition: workflow,
        loadHandler: async ({ entry }) => byEntry.get(entry) as Handler,
        timeScale: 0.0001,
        log: () => undefined,
      });
      sfn = new SFNClient({
        endpoint: steps.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
    });
    afterEach(async () => {
      sfn.destroy();
      await steps.close();
    });

    const start = async () => {
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: steps.stateMachineArn,
          name: 'delete-u1',
          input: '{"userId":"u1"}',
        }),
      );
      return steps.waitForExecution('delete-u1');
    };
    const tasksRun = () => steps.statesRun('delete-u1').filter((state) => workflow.tasks.has(state));

    it('runs every step once, in the order of the step table', async () => {
      const done = await start();

      expect(done.status).toBe('SUCCEEDED');
      expect(tasksRun()).toEqual(deletionSteps.map((step) => step.id));
      expect(calls.get('WriteReceipt')).toEqual([{ userId: 'u1', startedAt: done.startDate.toISOString() }]);
    });

    it('records a step that runs out of retries, waits, and runs it again', async () => {
      // Seven transient failures: the first attempt and six retries, then the Catch.
      steps.faults.failNext('PurgeItems', { times: 7, error: { name: 'TransientStepError' } });

      const done = await start();

      expect(done.status).toBe('SUCCEEDED');
      expect(calls.get('RecordFailure')).toEqual([{ userId: 'u1', step: 'PurgeItems', error: 'TransientStepError' }]);
      expect(steps.retries('delete-u1').filter((retry) => retry.state === 'PurgeItems')).toHaveLength(6);
      expect(calls.get('PurgeItems')).toHaveLength(1);
      expect(tasksRun().filter((state) => state === 'PurgeItems')).toHaveLength(2);
    });
  });
});
