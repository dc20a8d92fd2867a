/**
 * Which failures are worth retrying. Workflow steps rethrow these as TransientStepError, the one
 * name (besides Lambda's own) the deletion state machine's Retry lists; anything else goes
 * straight to the failure path, where retrying the same bug would only delay the alarm.
 */

/** Work that may succeed if tried again later (throttling, a 5xx, keys or items left unprocessed). */
export class TransientStepError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientStepError';
  }
}

const transientNames = new Set([
  'TransientStepError',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'InternalErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'SlowDown',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflictException',
]);

const transientNetworkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/**
 * True for errors the AWS SDK or the signed requests mark retryable, throttling, 5xx answers and dropped connections.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const details = error as Error & {
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
    code?: unknown;
    cause?: unknown;
    transient?: unknown;
  };
  // The signed requests' errors (S3RequestError, GuardrailRequestError) say so themselves.
  if (transientNames.has(error.name) || details.$retryable || details.transient === true) return true;
  const status = details.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (typeof details.code === 'string' && transientNetworkCodes.has(details.code)) return true;
  // fetch wraps socket errors: TypeError('fetch failed', { cause }).
  return error.name === 'TypeError' && error.message === 'fetch failed';
}
