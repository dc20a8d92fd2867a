/**
 * How a request reports work it committed but could not hand over (lambdas/domain/outbox/outbox.ts):
 * a warning, not an error, since the outbox sweeper will hand it over. A run of these is what
 * an outage of the queue or of Step Functions looks like from the API.
 */
import type { DeferredHandOver } from '../domain/outbox/ports';
import { logger } from './logger';

export const logDeferredHandOver: DeferredHandOver = (work, error) => {
  logger.warn('hand-over left to the outbox sweeper', {
    work: work.kind,
    error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
  });
};
