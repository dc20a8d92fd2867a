import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  ModelErrorException,
  ModelNotReadyException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { PermanentModelError, TransientModelError } from '../../../lambdas/domain/generations/image-model-errors';
import type { ImageRequest } from '../../../lambdas/domain/generations/ports';
import { findModel, models, type ModelDefinition } from '../../../lambdas/domain/generations/models';
import { stabilityImageModel } from '../../../lambdas/adapters/bedrock/stability-image-model';
import type { InvokeModelInput } from '../../../lambdas/adapters/bedrock/signed-invoke-model';
import { logger } from '../../../lambdas/shared/logger';

/**
 * The InvokeModel port, answered per test. Failures are the SDK's own exception classes: the
 * signed call raises errors of that shape (test/unit/bedrock/stability-signed-invoke.test.ts
 * holds it to the SDK for every status), so these are what the adapter really meets.
 */
const invokeModel = jest.fn<Promise<{ body: Uint8Array }>, [InvokeModelInput]>();
const imageModel = stabilityImageModel(invokeModel);
const bedrock = {
  answers: (text: string) => invokeModel.mockResolvedValue({ body: new TextEncoder().encode(text) }),
  rejects: (error: Error) => invokeModel.mockRejectedValue(error),
};

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Not a whole PNG: the adapter checks the signature, the worker reads the rest. */
const png = Uint8Array.from([...pngSignature, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const prompt = 'a lighthouse on a cliff at dawn, watercolor';
const textRequest: ImageRequest = { prompt, negativePrompt: 'blurry', aspectRatio: '16:9', seed: 1234 };
const referencePng = Uint8Array.from([...pngSignature, 9, 9, 9]);

function model(id: string): ModelDefinition {
  const found = findModel(id);
  if (!found) throw new Error(`no model ${id}`);
  return found;
}
const sd35Large = model('sd3-5-large');
const core = model('stable-image-core');

function answers(body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  bedrock.answers(text);
}

function sentInput() {
  expect(invokeModel).toHaveBeenCalledTimes(1);
  const input = invokeModel.mock.calls[0][0];
  return { ...input, body: JSON.parse(input.body) };
}

async function failureOf(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

beforeEach(() => {
  invokeModel.mockReset();
  answers({ seeds: [1234], finish_reasons: [null], images: [base64(png)] });
});

describe('the InvokeModel request', () => {
  it.each(models.map((each) => [each.id, each] as const))(
    'asks %s for a PNG from text, with JSON in and out',
    async (_id, each) => {
      await imageModel.generate(each, textRequest);

      expect(sentInput()).toEqual({
        modelId: each.bedrockModelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: {
          prompt,
          negative_prompt: 'blurry',
          mode: 'text-to-image',
          aspect_ratio: '16:9',
          seed: 1234,
          output_format: 'png',
        },
      });
    },
  );

  it.each([
    ['absent', undefined],
    ['empty', ''],
  ])('leaves out negative_prompt when it is %s', async (_case, negativePrompt) => {
    await imageModel.generate(core, { ...textRequest, negativePrompt });

    expect(sentInput().body).toEqual({
      prompt,
      mode: 'text-to-image',
      aspect_ratio: '16:9',
      seed: 1234,
      output_format: 'png',
    });
  });

  it(
    'sends the reference as base64 with its strength, and ' + 'no aspect ratio, for image-to-image on SD3.5 Large',
    async () => {
      await imageModel.generate(sd35Large, { ...textRequest, reference: { png: referencePng, strength: 0.35 } });

      expect(sentInput()).toEqual({
        modelId: 'stability.sd3-5-large-v1:0',
        contentType: 'application/json',
        accept: 'application/json',
        body: {
          prompt,
          negative_prompt: 'blurry',
          mode: 'image-to-image',
          image: base64(referencePng),
          strength: 0.35,
          seed: 1234,
          output_format: 'png',
        },
      });
    },
  );

  it.each(models.filter((each) => !each.imageToImage).map((each) => [each.id, each] as const))(
    'refuses a reference for %s, which takes none, without calling Bedrock',
    async (_id, each) => {
      const error = await failureOf(
        imageModel.generate(each, { ...textRequest, reference: { png: referencePng, strength: 0.5 } }),
      );

      expect(error).toBeInstanceOf(PermanentModelError);
      expect(error).toMatchObject({ reason: 'image_to_image_unsupported' });
      expect(invokeModel).not.toHaveBeenCalled();
    },
  );
});

describe('reading the answer', () => {
  it('returns the decoded PNG with the seed the model reports', async () => {
    answers({ seeds: [987654321], finish_reasons: [null], images: [base64(png)] });

    const outcome = await imageModel.generate(core, textRequest);

    expect(outcome).toEqual({ kind: 'images', images: [{ png, seed: 987654321 }] });
  });

  it('accepts a seed reported as a string, as the docs describe it', async () => {
    answers({ seeds: ['42'], finish_reasons: [null], images: [base64(png)] });

    expect(await imageModel.generate(core, textRequest)).toEqual({ kind: 'images', images: [{ png, seed: 42 }] });
  });

  it.each([
    ['missing', {}],
    ['not a number', { seeds: ['lots'] }],
    ['out of range', { seeds: [4_294_967_295] }],
  ])('falls back to the requested seed when the reported one is %s', async (_case, seeds) => {
    answers({ ...seeds, finish_reasons: [null], images: [base64(png)] });

    expect(await imageModel.generate(core, textRequest)).toEqual({ kind: 'images', images: [{ png, seed: 1234 }] });
  });

  it.each([
    ['Filter reason: prompt', 'prompt'],
    ['Filter reason: output image', 'output_image'],
    ['Filter reason: input image', 'input_image'],
  ])('reports "%s" as blocked (%s)', async (finishReason, reason) => {
    answers({ seeds: [1234], finish_reasons: [finishReason] });

    expect(await imageModel.generate(core, textRequest)).toEqual({ kind: 'blocked', reason });
  });

  it('never delivers an image whose own finish reason is a filter', async () => {
    answers({ seeds: [1234], finish_reasons: ['Filter reason: output image'], images: [base64(png)] });

    expect(await imageModel.generate(core, textRequest)).toEqual({ kind: 'blocked', reason: 'output_image' });
  });

  it('keeps the images that passed when others were filtered', async () => {
    const second = Uint8Array.from([...png, 7]);
    answers({
      seeds: [1, 2],
      finish_reasons: ['Filter reason: output image', null],
      images: [base64(png), base64(second)],
    });

    expect(await imageModel.generate(core, textRequest)).toEqual({
      kind: 'images',
      images: [{ png: second, seed: 2 }],
    });
  });

  it.each([
    ['an inference error', { finish_reasons: ['Inference error'] }, 'inference_error'],
    ['no images and no reason', { seeds: [1] }, 'empty_response'],
    ['empty lists', { images: [], finish_reasons: [] }, 'empty_response'],
    ['an empty object', {}, 'empty_response'],
    ['an undocumented finish reason', { finish_reasons: ['Something new'] }, 'unexpected_output'],
    ['a body that is not JSON', '<html>502</html>', 'unexpected_output'],
    ['JSON of another shape', { images: 'not-a-list' }, 'unexpected_output'],
    ['a JSON array', [1, 2], 'unexpected_output'],
    ['a JPEG instead of a PNG', { finish_reasons: [null], images: [base64(jpeg)] }, 'unexpected_output'],
    ['base64 that decodes to nothing', { finish_reasons: [null], images: ['!!!!'] }, 'unexpected_output'],
  ])('fails permanently on %s', async (_case, body, reason) => {
    answers(body);

    const error = await failureOf(imageModel.generate(core, textRequest));

    expect(error).toBeInstanceOf(PermanentModelError);
    expect(error).toMatchObject({ reason });
  });

  it('prefers a filter verdict to an inference error when no image came back', async () => {
    answers({ finish_reasons: ['Inference error', 'Filter reason: prompt'] });

    expect(await imageModel.generate(core, textRequest)).toEqual({ kind: 'blocked', reason: 'prompt' });
  });
});

describe('failed calls', () => {
  const metadata = { httpStatusCode: 400, requestId: 'req-1' };
  const networkError = (code: string) => Object.assign(new Error('socket trouble'), { code });
  const named = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), { name, ...extra });

  it.each([
    [
      'ThrottlingException',
      new ThrottlingException({ message: 'Too many requests', $metadata: { ...metadata, httpStatusCode: 429 } }),
    ],
    [
      'ModelTimeoutException',
      new ModelTimeoutException({ message: 'Model timed out', $metadata: { ...metadata, httpStatusCode: 408 } }),
    ],
    [
      'ModelNotReadyException',
      new ModelNotReadyException({ message: 'Model is loading', $metadata: { ...metadata, httpStatusCode: 429 } }),
    ],
    [
      'ServiceUnavailableException',
      new ServiceUnavailableException({ message: 'Unavailable', $metadata: { ...metadata, httpStatusCode: 503 } }),
    ],
    [
      'InternalServerException',
      new InternalServerException({ message: 'Internal', $metadata: { ...metadata, httpStatusCode: 500 } }),
    ],
    ['ServiceQuotaExceededException', new ServiceQuotaExceededException({ message: 'Quota', $metadata: metadata })],
    ['a TimeoutError from the HTTP handler', named('TimeoutError')],
    ['ECONNRESET', networkError('ECONNRESET')],
    ['ETIMEDOUT', networkError('ETIMEDOUT')],
    ['EAI_AGAIN', networkError('EAI_AGAIN')],
    // Unknown names: the service's fault and retry markers decide (a plain client fault is permanent, below).
    [
      'an unknown client fault marked $retryable, without $metadata',
      named('SomethingRetryable', { $fault: 'client', $retryable: {} }),
    ],
    [
      'an unknown client fault answered with 429',
      named('TooManyRequests', { $fault: 'client', $metadata: { httpStatusCode: 429 } }),
    ],
    ['an unknown server fault', named('BadGateway', { $fault: 'server', $metadata: { httpStatusCode: 502 } })],
    ['an error not from the service (credentials)', named('CredentialsProviderError')],
  ])('treats %s as transient and keeps it as the cause', async (_case, sdkError: Error) => {
    bedrock.rejects(sdkError);

    const error = await failureOf(imageModel.generate(core, textRequest));

    expect(error).toBeInstanceOf(TransientModelError);
    expect((error as Error).cause).toBe(sdkError);
  });

  it.each([
    [
      'a malformed request',
      'invalid_request',
      new ValidationException({
        message: 'Malformed input request: #/seed: 5000000000 is not less or equal to 4294967294',
        $metadata: metadata,
      }),
    ],
    [
      'missing model access',
      'model_access_denied',
      new AccessDeniedException({
        message: 'User arn:aws:iam::123456789012:role/worker is not authorized',
        $metadata: { ...metadata, httpStatusCode: 403 },
      }),
    ],
    [
      'an unknown model',
      'model_unavailable',
      new ResourceNotFoundException({
        message: 'Model stability.x not found',
        $metadata: { ...metadata, httpStatusCode: 404 },
      }),
    ],
    [
      'a model error',
      'inference_error',
      new ModelErrorException({
        message: 'Model failed with status 500',
        $metadata: { ...metadata, httpStatusCode: 424 },
      }),
    ],
    [
      'an unknown client fault',
      'provider_error',
      new ConflictException({
        message: 'The resource is in use by another request',
        $metadata: { ...metadata, httpStatusCode: 409 },
      }),
    ],
  ])("fails permanently on %s as %s, without repeating AWS's message", async (_case, reason, sdkError) => {
    bedrock.rejects(sdkError);

    const error = await failureOf(imageModel.generate(core, textRequest));

    expect(error).toBeInstanceOf(PermanentModelError);
    expect(error).toMatchObject({ reason });
    expect((error as Error).cause).toBe(sdkError);
    expect((error as Error).message).not.toContain(sdkError.message);
  });

  it.each([
    [
      'the prompt',
      'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
      'prompt',
    ],
    [
      'the input image',
      'This request has been blocked by our content filters. Please adjust your input image to submit a new request.',
      'input_image',
    ],
  ])('reads a content-filter ValidationException about %s as blocked', async (_case, message, reason) => {
    bedrock.rejects(new ValidationException({ message, $metadata: metadata }));

    expect(await imageModel.generate(core, textRequest)).toEqual({ kind: 'blocked', reason });
  });
});

describe('privacy (SECURITY H1)', () => {
  it('writes nothing containing the prompt, whatever the outcome', async () => {
    const written: string[] = [];
    const record = (chunk: string | Uint8Array) => {
      written.push(chunk.toString());
      return true;
    };
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation(record),
      jest.spyOn(process.stderr, 'write').mockImplementation(record),
    ];
    logger.setLogLevel('DEBUG');
    const outcomes: unknown[] = [];
    try {
      answers({ seeds: [1], finish_reasons: [null], images: [base64(png)] });
      outcomes.push(await imageModel.generate(core, textRequest));
      answers({ finish_reasons: ['Filter reason: prompt'] });
      outcomes.push(await imageModel.generate(core, textRequest));
      bedrock.rejects(new ThrottlingException({ message: 'slow down', $metadata: {} }));
      outcomes.push(await failureOf(imageModel.generate(core, textRequest)));
      bedrock.rejects(new ValidationException({ message: 'bad', $metadata: {} }));
      outcomes.push(await failureOf(imageModel.generate(core, textRequest)));
    } finally {
      logger.setLogLevel('SILENT');
      for (const spy of spies) spy.mockRestore();
    }

    expect(outcomes).toHaveLength(4);
    expect(written.join('')).not.toContain(prompt);
    for (const outcome of outcomes.filter((each): each is Error => each instanceof Error)) {
      expect(outcome.message).not.toContain(prompt);
    }
  });
});
