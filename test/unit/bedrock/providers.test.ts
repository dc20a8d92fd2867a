import type { ImageModel } from '../../../lambdas/domain/generations/ports';

type Providers = typeof import('../../../lambdas/adapters/generation/image-model-provider') &
  typeof import('../../../lambdas/adapters/generation/moderator-provider');
type Sdk = typeof import('@aws-sdk/client-bedrock-runtime');

// The local painter belongs to another module and has its own tests: here it only has to be recognisable.
const localModel: ImageModel = { generate: jest.fn() };
jest.mock('../../../lambdas/adapters/local/local-image-model', () => ({ localImageModel: () => localModel }));

const saved = { ...process.env };
/** What Lambda hands the function; the guardrail request is signed with them. */
const credentials = { AWS_ACCESS_KEY_ID: 'ASIAUNIT', AWS_SECRET_ACCESS_KEY: 'unit-secret' };
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

afterEach(() => {
  process.env = { ...saved };
  jest.restoreAllMocks();
});

/** The guardrail is one signed HTTPS request: fetch is where it shows (and where it is answered). */
function guardrailAnswering(answer: object) {
  return jest.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json(answer));
}

/**
 * A fresh container: config parsed anew, the SDK mocked at its send (nothing here may use it:
 * both Bedrock calls are signed requests, seen at fetch).
 */
async function containerWith(env: Record<string, string>) {
  jest.resetModules();
  process.env = { ...saved, ...env };
  const sdk: Sdk = await import('@aws-sdk/client-bedrock-runtime');
  const { mockClient } = await import('aws-sdk-client-mock');
  const bedrock = mockClient(sdk.BedrockRuntimeClient);
  const providers: Providers = {
    ...(await import('../../../lambdas/adapters/generation/image-model-provider')),
    ...(await import('../../../lambdas/adapters/generation/moderator-provider')),
  };
  const { ConfigurationError } = await import('../../../lambdas/shared/config');
  return { sdk, bedrock, providers, ConfigurationError };
}

describe('imageModelFromConfig', () => {
  it('uses the local painter when IMAGE_PROVIDER=local, and calls no Bedrock', async () => {
    const { providers, bedrock } = await containerWith({ IMAGE_PROVIDER: 'local' });
    const fetch = jest.spyOn(globalThis, 'fetch');

    expect(providers.imageModelFromConfig()).toBe(localModel);
    expect(fetch).not.toHaveBeenCalled();
    expect(bedrock.calls()).toHaveLength(0);
  });

  it.each([
    ['BEDROCK_REGION', { BEDROCK_REGION: 'us-west-2' }, 'us-west-2'],
    ["the function's AWS_REGION without BEDROCK_REGION", { AWS_REGION: 'eu-central-1' }, 'eu-central-1'],
  ])('uses the Stability models on Bedrock when IMAGE_PROVIDER=bedrock, in %s', async (_case, env, region) => {
    const { providers, bedrock } = await containerWith({ ...credentials, IMAGE_PROVIDER: 'bedrock', ...env });
    if (!('BEDROCK_REGION' in env)) delete process.env.BEDROCK_REGION;
    const png = Uint8Array.from([...pngSignature, 1]);
    const fetch = jest
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () =>
        Response.json({ seeds: [5], finish_reasons: [null], images: [Buffer.from(png).toString('base64')] }),
      );
    const { findModel } = await import('../../../lambdas/domain/generations/models');

    const model = providers.imageModelFromConfig();
    const outcome = await model.generate(findModel('stable-image-core')!, {
      prompt: 'a boat',
      aspectRatio: '1:1',
      seed: 5,
    });

    expect(model).not.toBe(localModel);
    expect(outcome).toEqual({ kind: 'images', images: [{ png, seed: 5 }] });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0][0])).toBe(
      `https://bedrock-runtime.${region}.amazonaws.com/model/stability.stable-image-core-v1%3A1/invoke`,
    );
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('refuses a missing or unknown IMAGE_PROVIDER with a ConfigurationError', async () => {
    const { providers, ConfigurationError } = await containerWith({ IMAGE_PROVIDER: 'openai' });

    expect(() => providers.imageModelFromConfig()).toThrow(ConfigurationError);
  });
});

describe('promptModeratorFromConfig', () => {
  it('uses the rule moderator when PROMPT_MODERATOR=rules, and calls no Bedrock', async () => {
    const { providers, bedrock } = await containerWith({ PROMPT_MODERATOR: 'rules' });
    const fetch = guardrailAnswering({ action: 'NONE' });

    const moderator = providers.promptModeratorFromConfig();

    expect(await moderator.check({ prompt: 'a cat [local:moderate]' })).toMatchObject({
      allowed: false,
      category: 'policy',
    });
    expect(await moderator.check({ prompt: 'a cat' })).toEqual({ allowed: true });
    expect(fetch).not.toHaveBeenCalled();
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('uses the configured guardrail, in BEDROCK_REGION, when PROMPT_MODERATOR=guardrail', async () => {
    const { providers } = await containerWith({
      ...credentials,
      PROMPT_MODERATOR: 'guardrail',
      GUARDRAIL_ID: 'gr-xyz',
      GUARDRAIL_VERSION: 'DRAFT',
      BEDROCK_REGION: 'us-west-2',
    });
    const fetch = guardrailAnswering({
      action: 'GUARDRAIL_INTERVENED',
      assessments: [{ topicPolicy: { topics: [{ action: 'BLOCKED' }] } }],
    });

    const verdict = await providers.promptModeratorFromConfig().check({ prompt: 'a cat' });

    expect(verdict).toMatchObject({ allowed: false, category: 'topic' });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0][0])).toBe(
      'https://bedrock-runtime.us-west-2.amazonaws.com/guardrail/gr-xyz/version/DRAFT/apply',
    );
  });

  it("falls back to the function's AWS_REGION when BEDROCK_REGION is not set", async () => {
    const { providers } = await containerWith({
      ...credentials,
      PROMPT_MODERATOR: 'guardrail',
      GUARDRAIL_ID: 'gr-xyz',
      GUARDRAIL_VERSION: '1',
      AWS_REGION: 'eu-central-1',
    });
    delete process.env.BEDROCK_REGION;
    const fetch = guardrailAnswering({ action: 'NONE' });

    expect(await providers.promptModeratorFromConfig().check({ prompt: 'a cat' })).toEqual({ allowed: true });
    expect(String(fetch.mock.calls[0][0])).toMatch(/^https:\/\/bedrock-runtime\.eu-central-1\.amazonaws\.com\//);
  });

  it.each([
    ['GUARDRAIL_ID', { GUARDRAIL_VERSION: '1' }],
    ['GUARDRAIL_VERSION', { GUARDRAIL_ID: 'gr-xyz' }],
  ])('refuses a guardrail without %s instead of falling back to the rules', async (missing, env) => {
    const { providers, ConfigurationError } = await containerWith({ PROMPT_MODERATOR: 'guardrail', ...env });

    expect(() => providers.promptModeratorFromConfig()).toThrow(ConfigurationError);
    expect(() => providers.promptModeratorFromConfig()).toThrow(missing);
  });
});
