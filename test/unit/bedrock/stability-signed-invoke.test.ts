/**
 * The signed InvokeModel request must be the one the Bedrock Runtime client sends (it would fail
 * in AWS otherwise, and nothing local checks SigV4), and every refusal must reach
 * invoke-model-errors.ts as the SDK's exception would: same name, fault, status and retry marker,
 * hence the same outcome. The SDK's telemetry headers (user agent, invocation id, attempt counter)
 * are removed before it signs; everything else, the Authorization header included, must match.
 */
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import type { FinalizeHandler, FinalizeHandlerArguments, MetadataBearer } from '@smithy/types';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { invokeModelFailure } from '../../../lambdas/adapters/bedrock/invoke-model-errors';
import {
  attemptTimeoutMs,
  type InvokeModelInput,
  signedInvokeModel,
} from '../../../lambdas/adapters/bedrock/signed-invoke-model';
import { TransientModelError } from '../../../lambdas/domain/generations/image-model-errors';
import { models } from '../../../lambdas/domain/generations/models';
import { workers } from '../../../lib/workers';

const workerTimeoutSeconds = workers.find((worker) => worker.id === 'GenerationWorker')!.timeoutSeconds;

delete process.env.AWS_ENDPOINT_URL;
delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=chars',
};
const region = 'us-west-2';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const okAnswer: Answer = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ seeds: [7], finish_reasons: [null], images: ['iVBORw0KGgo='] }),
};

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** One InvokeModel through the real SDK client, its request captured and answered with `answer`. */
async function sdkExchange(input: InvokeModelInput, answer: Answer): Promise<{ sent: Sent; result: unknown }> {
  let captured: HttpRequest | undefined;
  const client = new BedrockRuntimeClient({
    region,
    credentials,
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        captured = request;
        const body = Readable.from([Buffer.from(answer.body)]);
        return { response: new HttpResponse({ statusCode: answer.status, headers: answer.headers, body }) };
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
    const result = await client.send(new InvokeModelCommand(input)).then(
      (output) => ({ body: new Uint8Array(output.body) }),
      (error: unknown) => error,
    );
    const request = captured!;
    return {
      sent: {
        url: `${request.protocol}//${request.hostname}${request.path}`,
        headers: { ...request.headers },
        body: typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array),
      },
      result,
    };
  } finally {
    client.destroy();
  }
}

function stubFetch(...script: Answer[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = script.shift();
    if (next === undefined) throw new Error('unexpected request');
    return new Response(next.body, { status: next.status, headers: next.headers });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const dateOf = (amzDate: string) =>
  new Date(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));

const noWait = async () => undefined;

const anyInput: fc.Arbitrary<InvokeModelInput> = fc.record({
  modelId: fc.constantFrom(...models.map((model) => model.bedrockModelId)),
  contentType: fc.constant('application/json'),
  accept: fc.constant('application/json'),
  body: fc
    .record({ prompt: fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }), seed: fc.nat() })
    .map((body) => JSON.stringify(body)),
});

const example: InvokeModelInput = {
  modelId: 'stability.sd3-5-large-v1:0',
  contentType: 'application/json',
  accept: 'application/json',
  body: JSON.stringify({ prompt: 'a red fox in snow', seed: 1 }),
};

describe('signedInvokeModel', () => {
  it('sends the request the Bedrock Runtime client sends, and returns the body it returns', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const sdk = await sdkExchange(input, okAnswer);
        const { fetch, calls } = stubFetch(okAnswer);
        const invoke = signedInvokeModel({
          region,
          credentials: async () => credentials,
          fetch,
          now: () => dateOf(sdk.sent.headers['x-amz-date']),
        });

        const output = await invoke(input);

        const { host, 'content-length': length, ...sdkHeaders } = sdk.sent.headers;
        const body = Buffer.from(calls[0].init.body as Uint8Array).toString('utf8');
        expect(host).toBe(new URL(calls[0].url).host);
        expect(length).toBe(String(Buffer.byteLength(body)));
        expect({ url: calls[0].url, headers: calls[0].init.headers, body }).toEqual({
          ...sdk.sent,
          headers: sdkHeaders,
        });
        expect(output).toEqual(sdk.result);
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  const json = { 'content-type': 'application/json' };
  const refusal = (status: number, type: string | undefined, message: string): Answer => ({
    status,
    headers: type === undefined ? json : { ...json, 'x-amzn-errortype': type },
    body: JSON.stringify({ message }),
  });

  it.each([
    ['ThrottlingException', refusal(429, 'ThrottlingException:http://internal.amazon.com/coral/', 'Too many')],
    ['ModelNotReadyException', refusal(429, 'ModelNotReadyException', 'Model is loading')],
    ['ModelTimeoutException', refusal(408, 'ModelTimeoutException', 'Model timed out')],
    ['InternalServerException', refusal(500, 'InternalServerException', 'Internal')],
    ['ServiceUnavailableException', refusal(503, 'ServiceUnavailableException', 'Unavailable')],
    ['ServiceQuotaExceededException', refusal(400, 'ServiceQuotaExceededException', 'Quota')],
    ['ValidationException', refusal(400, 'ValidationException', 'Malformed input request: #/seed')],
    [
      'a content-filter ValidationException about the prompt',
      refusal(400, 'ValidationException', 'This request has been blocked by our content filters. Adjust your prompt.'),
    ],
    [
      'a content-filter ValidationException about the input image',
      refusal(400, 'ValidationException', 'blocked by our content filters. Please adjust your input image.'),
    ],
    ['AccessDeniedException', refusal(403, 'AccessDeniedException', 'not authorized')],
    ['ResourceNotFoundException', refusal(404, 'ResourceNotFoundException', 'no such model')],
    ['ModelErrorException', refusal(424, 'ModelErrorException', 'Model failed')],
    ['ConflictException (an unmodelled client fault)', refusal(409, 'ConflictException', 'in use')],
    ['an error type named only in the body', { status: 400, headers: json, body: '{"__type":"ValidationException"}' }],
    ['a 502 with no error type', refusal(502, undefined, 'Bad gateway')],
    ['a 400 with no error type', refusal(400, undefined, 'Bad request')],
  ])('raises %s so that it maps to the outcome the SDK exception maps to', async (_case, answer) => {
    const sdk = await sdkExchange(example, answer);
    const { fetch } = stubFetch(answer, answer, answer);
    const invoke = signedInvokeModel({ region, credentials: async () => credentials, fetch, sleep: noWait });

    const ours = await invoke(example).then(
      () => undefined,
      (error: unknown) => error,
    );

    const fields = (error: unknown) => {
      const e = error as {
        name: string;
        $fault?: string;
        $metadata?: { httpStatusCode?: number };
        $retryable?: object;
      };
      return {
        name: e.name,
        fault: e.$fault,
        status: e.$metadata?.httpStatusCode,
        retryable: e.$retryable !== undefined,
      };
    };
    const outcome = (error: unknown) => {
      const failure = invokeModelFailure(error);
      return failure instanceof Error ? { type: failure.constructor.name, ...failure } : failure;
    };
    expect(ours).toBeInstanceOf(Error);
    expect(fields(ours)).toEqual(fields(sdk.result));
    const { cause: _ours, ...ourOutcome } = outcome(ours) as { cause?: unknown };
    const { cause: _sdk, ...sdkOutcome } = outcome(sdk.result) as { cause?: unknown };
    expect(ourOutcome).toEqual(sdkOutcome);
  });

  it(
    'reads a proxy error page that is not JSON as a transient server fault (the SDK fails parsing it, also ' +
      'transient)',
    async () => {
      const page: Answer = { status: 503, headers: { 'content-type': 'text/html' }, body: '<html>busy</html>' };
      const sdk = await sdkExchange(example, page);
      const { fetch } = stubFetch(page, page, page);

      const ours = await signedInvokeModel({ region, credentials: async () => credentials, fetch, sleep: noWait })(
        example,
      ).catch((error: unknown) => error);

      expect(ours).toMatchObject({ name: 'Unknown', $fault: 'server', $metadata: { httpStatusCode: 503 } });
      expect(invokeModelFailure(ours)).toBeInstanceOf(TransientModelError);
      expect(invokeModelFailure(sdk.result)).toBeInstanceOf(TransientModelError);
    },
  );

  it('tries throttling, a model still loading and 5xx answers up to three times, with a backoff between', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    // The middle of the jitter: each wait is half its cap.
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const recovered = stubFetch(
      refusal(429, 'ThrottlingException', 'slow down'),
      refusal(429, 'ModelNotReadyException', 'loading'),
      okAnswer,
    );
    const failing = stubFetch(refusal(503, undefined, 'a'), refusal(500, undefined, 'b'), refusal(502, undefined, 'c'));
    const options = { region, credentials: async () => credentials, sleep };

    expect(await signedInvokeModel({ ...options, fetch: recovered.fetch })(example)).toEqual({
      body: new TextEncoder().encode(okAnswer.body),
    });
    await expect(signedInvokeModel({ ...options, fetch: failing.fetch })(example)).rejects.toMatchObject({
      $metadata: { httpStatusCode: 502 },
    });
    expect(failing.calls).toHaveLength(3);
    jest.restoreAllMocks();
    // Throttled (429, ModelNotReady's 429 too): 500 ms x 2^n; a server error: 100 ms x 2^n, halved by the jitter.
    expect(waits).toEqual([500, 1000, 100, 200]);
  });

  it('does not try again after a refusal, nor after an attempt that ran out of time', async () => {
    const refused = stubFetch(refusal(400, 'ValidationException', 'bad'));
    const timedOut = (async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    }) as unknown as typeof fetch;
    let timedOutCalls = 0;
    const countingTimeout = ((...args: Parameters<typeof fetch>) => {
      timedOutCalls += 1;
      return timedOut(...args);
    }) as typeof fetch;
    const options = { region, credentials: async () => credentials, sleep: noWait };

    await expect(signedInvokeModel({ ...options, fetch: refused.fetch })(example)).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(signedInvokeModel({ ...options, fetch: countingTimeout })(example)).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(refused.calls).toHaveLength(1);
    expect(timedOutCalls).toBe(1);
  });

  it('tries a dropped connection again', async () => {
    let calls = 0;
    const flaky = (async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed');
      return new Response(okAnswer.body, { status: 200, headers: okAnswer.headers });
    }) as typeof fetch;

    await signedInvokeModel({ region, credentials: async () => credentials, fetch: flaky, sleep: noWait })(example);

    expect(calls).toBe(2);
  });

  it('gives each attempt a deadline long enough for an image model, inside the 120 s worker', async () => {
    const { fetch, calls } = stubFetch(okAnswer);
    await signedInvokeModel({ region, credentials: async () => credentials, fetch })(example);

    expect(calls[0].init.signal).toBeInstanceOf(AbortSignal);
    expect(calls[0].init.signal!.aborted).toBe(false);
    expect(attemptTimeoutMs).toBeGreaterThanOrEqual(60_000);
    expect(attemptTimeoutMs).toBeLessThan(workerTimeoutSeconds * 1000);
  });
});
