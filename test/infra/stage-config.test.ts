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

  it('defaults to Bedrock in us-west-2, the rule-based moderator and no alarm email when a stage says nothing', () => {
    const silent = Object.fromEntries(
      Object.entries(dev).filter(([key]) => !['images', 'moderation', 'alarms'].includes(key)),
    );
    const config = parseStageConfig('dev', { dev: silent });
    expect(config.images).toEqual({ provider: 'bedrock', bedrockRegion: 'us-west-2' });
    expect(config.moderation).toEqual({});
    expect(config.alarms).toEqual({});
  });

  it('keeps both cdk.json stages on Bedrock in us-west-2 without a guardrail placeholder', () => {
    for (const stage of ['dev', 'prod']) {
      const config = parseStageConfig(stage, cdkJsonStages);
      expect(config.images).toEqual({ provider: 'bedrock', bedrockRegion: 'us-west-2' });
      expect(config.moderation.guardrail).toBeUndefined();
    }
  });

  it('accepts a guardrail with a published version or DRAFT', () => {
    for (const version of ['1', '12345678', 'DRAFT']) {
      const stages = withDev({ moderation: { guardrail: { id: 'abc123def456', version } } });
      expect(parseStageConfig('dev', stages).moderation.guardrail).toEqual({ id: 'abc123def456', version });
    }
  });

  it.each(['0', '01', '123456789', 'draft', 'latest'])(
    'rejects guardrail version %p, naming moderation.guardrail.version',
    (version) => {
      const stages = withDev({ moderation: { guardrail: { id: 'abc123def456', version } } });
      expect(errorOf(() => parseStageConfig('dev', stages)).message).toMatch(/moderation\.guardrail\.version/);
    },
  );

  it('rejects a guardrail ARN where the id belongs, naming moderation.guardrail.id', () => {
    const arn = 'arn:aws:bedrock:us-west-2:123456789012:guardrail/abc123def456';
    const stages = withDev({ moderation: { guardrail: { id: arn, version: '1' } } });
    expect(errorOf(() => parseStageConfig('dev', stages)).message).toMatch(/moderation\.guardrail\.id/);
  });

  it('rejects an unknown image provider and a malformed Bedrock region, naming each', () => {
    const message = errorOf(() =>
      parseStageConfig('dev', withDev({ images: { provider: 'openai', bedrockRegion: 'oregon' } })),
    ).message;
    expect(message).toMatch(/images\.provider/);
    expect(message).toMatch(/images\.bedrockRegion/);
  });

  it('rejects an alarm email that is not an address, naming alarms.email', () => {
    expect(errorOf(() => parseStageConfig('dev', withDev({ alarms: { email: 'ops' } }))).message).toMatch(
      /alarms\.email/,
    );
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

  describe('the store catalog (billing)', () => {
    const billing = dev.billing as Record<string, any>;
    const withBilling = (patch: Record<string, unknown>) => withDev({ billing: { ...billing, ...patch } });

    it('reads the entitlement, allowance, packs and sandbox policy of cdk.json', () => {
      const config = parseStageConfig('dev', cdkJsonStages);
      expect(config.billing?.entitlement).toBe('pro');
      expect(config.billing?.products.filter((product) => product.kind === 'consumable').length).toBeGreaterThan(0);
      expect(typeof config.billing?.applySandbox).toBe('boolean');
    });

    it('refuses a product id listed twice, naming it', () => {
      const products = [...billing.products, { kind: 'consumable', id: billing.products[0].id, credits: 5 }];
      expect(errorOf(() => parseStageConfig('dev', withBilling({ products }))).message).toMatch(
        /billing\.products\.\d+\.id: a product id listed twice/,
      );
    });

    it('refuses a pack without credits', () => {
      const products = [{ kind: 'consumable', id: 'credits_0', credits: 0 }];
      expect(errorOf(() => parseStageConfig('dev', withBilling({ products }))).message).toMatch(
        /billing\.products\.0\.credits/,
      );
    });

    it('refuses crediting from virtual currency without naming the currency', () => {
      const message = errorOf(() => parseStageConfig('dev', withBilling({ creditSource: 'virtualCurrency' }))).message;
      expect(message).toMatch(/billing\.virtualCurrency: required when creditSource is virtualCurrency/);
    });

    it('requires the sandbox policy to be stated', () => {
      const { applySandbox: _applySandbox, ...silent } = billing;
      expect(errorOf(() => parseStageConfig('dev', withDev({ billing: silent }))).message).toMatch(
        /billing\.applySandbox/,
      );
    });
  });
});
