/**
 * The one wrapper every Step Functions task handler uses, as route.ts is for routes and
 * sqs-worker.ts for workers: logger context, the state input validated with valibot, one log line
 * per run, and errors sorted for the state machine. Transient ones (lambdas/shared/
 * transient-error.ts) leave as TransientStepError, which the Retry lists; the rest keep their
 * name and go to the failure path at once. A Lambda error's name is what Step Functions sees as
 * `Error`, and its message as part of `Cause`: messages here never carry personal data.
 */
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { isTransient, TransientStepError } from './transient-error';
import { validate, type Schema } from './validation';

export class InvalidStepInputError extends Error {
  constructor(step: string) {
    super(`${step} was given an input it does not accept`);
    this.name = 'InvalidStepInputError';
  }
}

export function workflowStep<Input, Output>(
  step: string,
  input: Schema<Input>,
  run: (input: Input) => Promise<Output>,
) {
  return async (event: unknown, context?: Context): Promise<Output> => {
    if (context) logger.addContext(context);
    const parsed = validate(input, event);
    if (!parsed.success) throw new InvalidStepInputError(step);
    try {
      const output = await run(parsed.data);
      logger.info('workflow step done', { step, output: output ?? null });
      return output;
    } catch (error) {
      if (isTransient(error)) {
        logger.warn('workflow step failed; the state machine retries it', { step, error: error as Error });
        throw error instanceof TransientStepError
          ? error
          : new TransientStepError(`${step}: ${(error as Error).name}`, { cause: error });
      }
      logger.error('workflow step failed', { step, error: error as Error });
      throw error;
    }
  };
}
