import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

type ClientModule = typeof import('../../../lambdas/adapters/bedrock/client');

const saved = { ...process.env };

beforeEach(() => {
  jest.resetModules();
  process.env = { ...saved, IMAGE_PROVIDER: 'bedrock', PROMPT_MODERATOR: 'guardrail', BEDROCK_REGION: 'us-west-2' };
});

afterEach(() => {
  process.env = { ...saved };
  jest.dontMock('@aws-sdk/client-bedrock-runtime');
});

/** Loads client.ts with the SDK's constructor counted (the real class still does the work). */
async function loadCountingConstructions(): Promise<{ clients: ClientModule; constructed: jest.Mock }> {
  const actual = jest.requireActual<typeof import('@aws-sdk/client-bedrock-runtime')>(
    '@aws-sdk/client-bedrock-runtime',
  );
  const constructed = jest.fn();
  jest.doMock('@aws-sdk/client-bedrock-runtime', () => ({
    ...actual,
    BedrockRuntimeClient: class extends actual.BedrockRuntimeClient {
      constructor(...args: ConstructorParameters<typeof actual.BedrockRuntimeClient>) {
        super(...args);
        constructed(...args);
      }
    },
  }));
  return { clients: await import('../../../lambdas/adapters/bedrock/client'), constructed };
}

/**
 * What the SDK's HTTP/2 handler was actually configured with. It reads its options on its first
 * request; an already-aborted signal makes that request end before any network use.
 */
async function handlerOptionsOf(client: BedrockRuntimeClient) {
  const handler = client.config.requestHandler as unknown as {
    handle(request: never, options: { abortSignal: AbortSignal }): Promise<unknown>;
    httpHandlerConfigs(): Record<string, unknown>;
  };
  await expect(handler.handle({} as never, { abortSignal: AbortSignal.abort() })).rejects.toMatchObject({
    name: 'AbortError',
  });
  return handler.httpHandlerConfigs();
}

it('constructs no client when the module is imported', async () => {
  const { constructed } = await loadCountingConstructions();

  expect(constructed).not.toHaveBeenCalled();
});

it('constructs the client once per container, with its settings and BEDROCK_REGION', async () => {
  const { clients, constructed } = await loadCountingConstructions();

  const image = clients.imageGenerationClient();

  expect(clients.imageGenerationClient()).toBe(image);
  expect(constructed.mock.calls).toEqual([
    [
      {
        retryMode: 'standard',
        maxAttempts: 3,
        requestHandler: { requestTimeout: 100_000, disableConcurrentStreams: true },
        region: 'us-west-2',
      },
    ],
  ]);
});

it('gives the image client standard retries and a request timeout long enough for image models, inside the worker timeout', async () => {
  const { imageGenerationClient } = await import('../../../lambdas/adapters/bedrock/client');
  const client = imageGenerationClient();

  expect(await client.config.region()).toBe('us-west-2');
  expect(await client.config.maxAttempts()).toBe(3);
  expect(await client.config.retryStrategy()).toMatchObject({ mode: 'standard' });
  const options = await handlerOptionsOf(client);
  expect(options).toMatchObject({ requestTimeout: 100_000, disableConcurrentStreams: true });
  expect(options.requestTimeout).toBeGreaterThanOrEqual(60_000);
  expect(options.requestTimeout).toBeLessThan(120_000);
});

it("falls back to the SDK's region chain when BEDROCK_REGION is not set", async () => {
  delete process.env.BEDROCK_REGION;
  process.env.AWS_REGION = 'eu-west-1';
  const { imageGenerationClient } = await import('../../../lambdas/adapters/bedrock/client');

  expect(await imageGenerationClient().config.region()).toBe('eu-west-1');
});
