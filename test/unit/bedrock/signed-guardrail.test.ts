/**
 * The signed ApplyGuardrail request must be the one the Bedrock Runtime client sends (it would
 * fail in AWS otherwise, and nothing local checks SigV4), and its answer must read as the SDK
 * reads it. The SDK's telemetry headers (user agent, invocation id, attempt counter) are removed
 * before it signs; everything else, the Authorization header included, must match exactly.
 */
import {
  ApplyGuardrailCommand,
  BedrockRuntimeClient,
  type ApplyGuardrailCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import type { FinalizeHandler, FinalizeHandlerArguments, MetadataBearer } from '@smithy/types';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { GuardrailRequestError, signedApplyGuardrail } from '../../../lambdas/adapters/bedrock/signed-guardrail';

delete process.env.AWS_ENDPOINT_URL;
delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=chars',
};
const region = 'us-west-2';

/** A full answer, with fields the moderator never reads: they must come through as the SDK gives them. */
const answer = {
  usage: { topicPolicyUnits: 1, contentPolicyUnits: 1, wordPolicyUnits: 1 },
  action: 'GUARDRAIL_INTERVENED',
  actionReason: 'Guardrail blocked.',
  outputs: [{ text: 'Sorry.' }],
  assessments: [
    {
      contentPolicy: {
        filters: [{ type: 'VIOLENCE', confidence: 'HIGH', filterStrength: 'HIGH', action: 'BLOCKED', detected: true }],
      },
      wordPolicy: { customWords: [{ match: 'zorblax', action: 'BLOCKED', detected: true }] },
      invocationMetrics: {
        guardrailProcessingLatency: 12,
        guardrailCoverage: { textCharacters: { guarded: 5, total: 5 } },
      },
    },
  ],
  guardrailCoverage: { textCharacters: { guarded: 5, total: 5 } },
};

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

async function sdkExchange(input: ApplyGuardrailCommandInput): Promise<{ sent: Sent; read: object }> {
  let captured: HttpRequest | undefined;
  const client = new BedrockRuntimeClient({
    region,
    credentials,
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        captured = request;
        const body = Readable.from([Buffer.from(JSON.stringify(answer))]);
        return {
          response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/json' }, body }),
        };
      },
    } as never,
  });
  client.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<object, MetadataBearer>) => async (args: FinalizeHandlerArguments<object>) => {
      const { headers } = args.request as HttpRequest;
      for (const name of ['user-agent', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request'])
        delete headers[name];
      return next(args);
    },
    { name: 'dropSdkTelemetry', relation: 'before', toMiddleware: 'httpSigningMiddleware' },
  );
  try {
    const { $metadata: _metadata, ...read } = await client.send(new ApplyGuardrailCommand(input));
    const request = captured!;
    return {
      sent: {
        url: `${request.protocol}//${request.hostname}${request.path}`,
        headers: { ...request.headers },
        body: typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array),
      },
      read,
    };
  } finally {
    client.destroy();
  }
}

function stubFetch(...script: Array<Response | (() => Response)>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = script.shift();
    if (next === undefined) throw new Error('unexpected request');
    return typeof next === 'function' ? next() : next;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const dateOf = (amzDate: string) =>
  new Date(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));

const anyInput: fc.Arbitrary<ApplyGuardrailCommandInput> = fc.record({
  guardrailIdentifier: fc.oneof(
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.stringMatching(/^[a-z0-9]{1,12}$/).map((id) => `arn:aws:bedrock:us-west-2:123456789012:guardrail/${id}`),
  ),
  guardrailVersion: fc.oneof(fc.constant('DRAFT'), fc.integer({ min: 1, max: 99 }).map(String)),
  source: fc.constant('INPUT' as const),
  content: fc.array(
    fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).map((text) => ({ text: { text } })),
    { minLength: 1, maxLength: 2 },
  ),
  outputScope: fc.constant('INTERVENTIONS' as const),
});

describe('signedApplyGuardrail', () => {
  it('sends the request the Bedrock Runtime client sends, and reads its answer the same way', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const sdk = await sdkExchange(input);
        const { fetch, calls } = stubFetch(Response.json(answer));
        const apply = signedApplyGuardrail({
          region,
          credentials: async () => credentials,
          fetch,
          now: () => dateOf(sdk.sent.headers['x-amz-date']),
        });

        const read = await apply(input);

        const { host, 'content-length': length, ...sdkHeaders } = sdk.sent.headers;
        const body = Buffer.from(calls[0].init.body as Uint8Array).toString('utf8');
        expect(host).toBe(new URL(calls[0].url).host);
        expect(length).toBe(String(Buffer.byteLength(body)));
        expect({ url: calls[0].url, headers: calls[0].init.headers, body }).toEqual({
          ...sdk.sent,
          headers: sdkHeaders,
        });
        expect(read).toEqual(sdk.read);
      }),
      { numRuns: 30 },
    );
  }, 30_000);

  it('tries a throttled or failing call once more after a backoff (longer when throttled), then gives up', async () => {
    const throttled = () =>
      new Response('{}', {
        status: 429,
        headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/' },
      });
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    // The middle of the jitter: the waits are half their caps.
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const retried = stubFetch(throttled(), Response.json(answer));
    const failing = stubFetch(new Response('{}', { status: 503 }), new Response('{}', { status: 500 }));

    const credentialsOf = async () => credentials;
    try {
      expect(
        await signedApplyGuardrail({ region, credentials: credentialsOf, fetch: retried.fetch, sleep })(
          anyInputExample,
        ),
      ).toMatchObject({ action: 'GUARDRAIL_INTERVENED' });
      await expect(
        signedApplyGuardrail({ region, credentials: credentialsOf, fetch: failing.fetch, sleep })(anyInputExample),
      ).rejects.toMatchObject({ name: 'Http500', status: 500 });
    } finally {
      jest.restoreAllMocks();
    }
    // Throttled: up to 500 ms x 2; a server error: up to 100 ms x 2 (the SDK's standard delays).
    expect(waits).toEqual([500, 100]);
    expect([retried.calls.length, failing.calls.length]).toEqual([2, 2]);
  });

  it('does not retry a refusal, and names it by the error type Bedrock sends', async () => {
    const refused = stubFetch(
      new Response('{"message":"no such guardrail"}', {
        status: 404,
        headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
      }),
    );

    const failure = signedApplyGuardrail({ region, credentials: async () => credentials, fetch: refused.fetch })(
      anyInputExample,
    );

    await expect(failure).rejects.toBeInstanceOf(GuardrailRequestError);
    await expect(failure).rejects.toMatchObject({ name: 'ResourceNotFoundException', status: 404, transient: false });
    expect(refused.calls).toHaveLength(1);
  });

  it('ends each attempt at its deadline: a call that times out counts as transient', async () => {
    const deadlines: AbortController[] = [];
    const attemptDeadline = () => {
      const controller = new AbortController();
      deadlines.push(controller);
      return controller.signal;
    };
    // A fetch that, like the real one, rejects once its signal aborts.
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
      )) as typeof globalThis.fetch;
    const call = signedApplyGuardrail({
      region,
      credentials: async () => credentials,
      fetch,
      attemptDeadline,
      sleep: async () => undefined,
    })(anyInputExample);

    for (let attempt = 0; attempt < 2; attempt += 1) {
      while (deadlines.length <= attempt) await new Promise((resolve) => setImmediate(resolve));
      deadlines[attempt].abort(new DOMException('The operation timed out.', 'TimeoutError'));
    }

    await expect(call).rejects.toMatchObject({ name: 'TimeoutError', transient: true });
    expect(deadlines).toHaveLength(2);
  });

  it('gives each attempt a deadline by default', async () => {
    const { fetch, calls } = stubFetch(Response.json(answer));
    await signedApplyGuardrail({ region, credentials: async () => credentials, fetch })(anyInputExample);

    expect(calls[0].init.signal).toBeInstanceOf(AbortSignal);
    expect(calls[0].init.signal!.aborted).toBe(false);
  });
});

const anyInputExample: ApplyGuardrailCommandInput = {
  guardrailIdentifier: 'gr1',
  guardrailVersion: '1',
  source: 'INPUT',
  content: [{ text: { text: 'a red fox in snow' } }],
  outputScope: 'INTERVENTIONS',
};
