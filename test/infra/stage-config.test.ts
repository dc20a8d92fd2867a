/**
 * A bad stage config fails the synth before anything is built, with a message naming the field;
 * bin/app.ts prints that message and exits 1 without a stack trace.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parseStageConfig, StageConfigError } from '../../lib/config/stage-config';
import { cdkJsonStages } from '../support/synth';

const dev = cdkJsonStages.dev as Record<string, any>;
const withDev = (patch: Record<string, unknown>) => ({ dev: { ...dev, ...patch } });

function errorOf(run: () => unknown): StageConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof StageConfigError) return error;
    throw error;
  }
  throw new Error('expected a StageConfigError');
}

describe('stage config validation', () => {
  it('accepts every stage declared in cdk.json', () => {
    for (const stage of Object.keys(cdkJsonStages)) {
      expect(parseStageConfig(stage, cdkJsonStages).name).toBe(stage);
    }
  });

  it('rejects an unknown stage and lists the known ones', () => {
    const error = errorOf(() => parseStageConfig('staging', cdkJsonStages));
    expect(error.message).toMatch(/Unknown stage "staging"/);
    expect(error.message).toMatch(/dev, prod/);
  });

  it('rejects a managed-login domain prefix Cognito would refuse, naming auth.domainPrefix', () => {
    const stages = withDev({ auth: { ...dev.auth, domainPrefix: 'Pictor_Dev' } });
    expect(errorOf(() => parseStageConfig('dev', stages)).message).toMatch(/auth\.domainPrefix/);
  });

  it('rejects an unknown field, naming it', () => {
    const stages = withDev({ api: { ...dev.api, throttel: { rateLimit: 1 } } });
    const message = errorOf(() => parseStageConfig('dev', stages)).message;
    expect(message).toMatch(/api/);
    expect(message).toMatch(/throttel/);
  });

  it('rejects a missing stage name', () => {
    expect(errorOf(() => parseStageConfig(undefined, cdkJsonStages)).message).toMatch(/-c stage=/);
  });
});

describe('bin/app.ts with a bad stage', () => {
  it('prints the config error and exits 1 without a stack trace', () => {
    const repoRoot = path.join(__dirname, '..', '..');
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'bin/app.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ stage: 'staging', stages: cdkJsonStages }) },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Unknown stage "staging"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
