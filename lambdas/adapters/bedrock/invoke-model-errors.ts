/**
 * How a failed InvokeModel call reaches the worker (CONTRACTS.md §1.5): as a content-filter
 * verdict, as a TransientModelError (the queue tries again later) or as a PermanentModelError
 * whose `reason` is a stable code the app may show. Decided by the error's `name`, the field the
 * SDK documents for each exception (./signed-invoke-model.ts raises its refusals with the SDK's
 * fields, held to the SDK by test/unit/bedrock/stability-signed-invoke.test.ts); messages are only read where the
 * contract signals something in them (Nova's content-filter ValidationException). AWS's message is never copied into
 * ours: the original stays reachable as `cause` for whoever logs it deliberately.
 */
import { PermanentModelError, TransientModelError } from '../../domain/generations/image-model-errors';
import type { BlockReason } from '../../domain/generations/ports';

export type InvokeModelFailure = { kind: 'blocked'; reason: BlockReason } | TransientModelError | PermanentModelError;

/** The service's exceptions that clear by themselves: worth another try later. */
const transientNames = new Set([
  'ThrottlingException', // 429: over the request rate
  'ModelNotReadyException', // 429: the model is being loaded (the SDK already retried it)
  'ModelTimeoutException', // 408: the model took too long this time
  'InternalServerException', // 500
  'ServiceUnavailableException', // 503
  // Bedrock's on-demand quotas are per-minute rates, and the service says "You can resubmit
  // your request later". Were it a hard quota, the last delivery still fails and refunds.
  'ServiceQuotaExceededException',
]);

/** Trying again unchanged would fail the same way. */
const permanentReasons = new Map([
  ['ValidationException', 'invalid_request'],
  ['AccessDeniedException', 'model_access_denied'],
  ['ResourceNotFoundException', 'model_unavailable'],
  ['ModelErrorException', 'inference_error'],
]);

export function invokeModelFailure(error: unknown): InvokeModelFailure {
  const { name, message, fault, httpStatus, retryable } = errorFields(error);

  if (name === 'ValidationException') {
    const blocked = contentFilterBlock(message);
    if (blocked) return { kind: 'blocked', reason: blocked };
  }
  const permanentReason = permanentReasons.get(name);
  if (permanentReason)
    return new PermanentModelError(permanentReason, `Bedrock refused the call (${name})`, { cause: error });
  if (transientNames.has(name))
    return new TransientModelError(`Bedrock is unavailable for now (${name})`, { cause: error });

  // An answer from the service this adapter has no entry for (one added later, or a generic
  // error for an unmodelled status): the service's own fault and retry markers decide.
  if (fault === 'server' || retryable || httpStatus === 429) {
    return new TransientModelError(`Bedrock is unavailable for now (${name || 'unknown error'})`, { cause: error });
  }
  if (fault === 'client')
    return new PermanentModelError('provider_error', `Bedrock refused the call (${name})`, { cause: error });

  // Not an answer from the service at all: the SDK's TimeoutError, a socket error (ECONNRESET,
  // ETIMEDOUT, EAI_AGAIN…), credentials, a bug. The request may never have arrived, the
  // queue's retries are bounded and the last delivery fails and refunds, so "transient" never
  // keeps anyone's credits.
  return new TransientModelError(`Calling Bedrock failed (${name || 'unknown error'})`, { cause: error });
}

/**
 * Nova Canvas rejects a prompt or input image with a ValidationException saying it was
 * "blocked by our content filters" (CONTRACTS.md §1.5); the message names the input image when
 * that was the cause. Stability models report filters in the response body instead.
 */
function contentFilterBlock(message: string): BlockReason | undefined {
  if (!/blocked by our content filters/i.test(message)) return undefined;
  return /input image/i.test(message) ? 'input_image' : 'prompt';
}

interface ErrorFields {
  name: string;
  message: string;
  fault: unknown;
  httpStatus: number | undefined;
  /** Set by the service on exceptions it marks retryable (ModelNotReadyException). */
  retryable: boolean;
}

function errorFields(error: unknown): ErrorFields {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const metadata = (
    typeof fields.$metadata === 'object' && fields.$metadata !== null ? fields.$metadata : {}
  ) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    name: text(fields.name),
    message: text(fields.message),
    fault: fields.$fault,
    httpStatus: typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined,
    retryable: fields.$retryable !== undefined && fields.$retryable !== null,
  };
}
