import * as v from 'valibot';
import { S3RequestError } from '../../../lambdas/adapters/s3/signed-bucket';
import { isTransient, TransientStepError } from '../../../lambdas/shared/transient-error';
import { workflowStep } from '../../../lambdas/shared/workflow-step';

const input = v.object({ userId: v.string() });
const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name, ...extra });

describe('isTransient', () => {
  it.each([
    named('ThrottlingException'),
    named('ProvisionedThroughputExceededException'),
    named('Whatever', { $metadata: { httpStatusCode: 503 } }),
    named('Whatever', { $retryable: { throttling: true } }),
    named('Error', { code: 'ECONNRESET' }),
    new TypeError('fetch failed'),
    new TransientStepError('x'),
    new S3RequestError('DeleteObjects', 500, 'InternalError', true),
  ])('retries %s', (error) => expect(isTransient(error)).toBe(true));

  it.each([
    named('AccessDeniedException', { $metadata: { httpStatusCode: 403 } }),
    named('ValidationException'),
    new TypeError('x is not a function'),
    'text',
    new S3RequestError('ListObjectsV2', 403, 'AccessDenied', false),
  ])('does not retry %s', (error) => expect(isTransient(error)).toBe(false));
});

describe('workflowStep', () => {
  it('returns the step output for a valid input', async () => {
    await expect(
      workflowStep('S', input, async ({ userId }) => ({ done: true, userId }))({ userId: 'u1' }),
    ).resolves.toEqual({ done: true, userId: 'u1' });
  });

  it('refuses an input it does not accept, without running the step', async () => {
    const run = jest.fn();
    await expect(workflowStep('S', input, run)({ user: 'u1' })).rejects.toMatchObject({
      name: 'InvalidStepInputError',
    });
    expect(run).not.toHaveBeenCalled();
  });

  it('renames transient failures TransientStepError (what the Retry lists) and keeps the others', async () => {
    await expect(
      workflowStep('S', input, async () => Promise.reject(named('SlowDown')))({ userId: 'u1' }),
    ).rejects.toMatchObject({ name: 'TransientStepError', message: 'S: SlowDown' });
    await expect(
      workflowStep('S', input, async () => Promise.reject(named('AccessDeniedException')))({ userId: 'u1' }),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
