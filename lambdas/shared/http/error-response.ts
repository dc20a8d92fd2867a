/**
 * The one mapping from errors to HTTP. Domain errors become their status and a stable body
 * `{"error":{"code","message"}}` (plus `field` for validation errors); anything else is a bug
 * or an outage, answered with a generic 500 that reveals nothing of the internals.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  AccountInactiveError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InsufficientCreditsError,
  MalformedJsonError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  TemporarilyUnavailableError,
  UnauthenticatedError,
  UnprocessableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';
import { jsonResponse } from './json-response';

type ErrorClass = abstract new (...args: never[]) => DomainError;

const statusByError: ReadonlyArray<readonly [ErrorClass, number]> = [
  [ValidationError, 400],
  [MalformedJsonError, 400],
  [UnauthenticatedError, 401],
  [InsufficientCreditsError, 402],
  [AccountInactiveError, 403],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [UnprocessableError, 422],
  [RateLimitedError, 429],
  [TemporarilyUnavailableError, 503],
];

export interface ErrorBody {
  error: { code: string; message: string; field?: string; required?: number; balance?: number };
}

/** Status for a domain error; undefined means "not a known domain error". */
export function statusOf(error: unknown): number | undefined {
  if (!(error instanceof DomainError)) return undefined;
  return statusByError.find(([errorClass]) => error instanceof errorClass)?.[1];
}

export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  const status = statusOf(error);
  if (status === undefined || !(error instanceof DomainError)) {
    return jsonResponse(500, { error: { code: 'internal_error', message: 'Something went wrong. Try again later.' } });
  }
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error instanceof ValidationError && error.field !== undefined) body.error.field = error.field;
  if (error instanceof InsufficientCreditsError)
    Object.assign(body.error, { required: error.required, balance: error.balance });
  const response = jsonResponse(status, body);
  if (error instanceof RateLimitedError) {
    response.headers = { ...response.headers, 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
  }
  return response;
}
