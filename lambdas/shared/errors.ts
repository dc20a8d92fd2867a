/**
 * Errors the use cases raise. They describe what went wrong in the domain and know nothing of
 * HTTP: lambdas/shared/http/error-response.ts is the one place that maps them to statuses.
 * `code` is part of the public API: clients switch on it, so a code never changes meaning.
 */

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is well-formed JSON but breaks the route's schema. */
export class ValidationError extends DomainError {
  constructor(
    readonly code: 'invalid_request' | 'unknown_field' | 'missing_body' | 'idempotency_key_required',
    message: string,
    /** Dotted path of the first offending field, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export class MalformedJsonError extends DomainError {
  readonly code = 'malformed_json';
  constructor() {
    super('The request body is not valid JSON.');
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported_media_type';
  constructor() {
    super('Send the request body as application/json.');
  }
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload_too_large';
  constructor(limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
  }
}

/** The caller is not signed in with a usable access token (the authorizer normally stops this first). */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

/**
 * The account exists but may not read or change its data: it is being deleted, or staff
 * disabled it. Still-valid access tokens of such an account are refused by this check.
 */
export class AccountInactiveError extends DomainError {
  readonly code: 'account_deleting' | 'account_deleted' | 'account_disabled';
  constructor(readonly status: 'DELETING' | 'DELETED' | 'DISABLED') {
    super(inactiveAccountMessages[status]);
    this.code = inactiveAccountCodes[status];
  }
}

const inactiveAccountMessages = {
  DELETING: 'This account is being deleted.',
  DELETED: 'This account has been deleted.',
  DISABLED: 'This account is disabled.',
} as const;

const inactiveAccountCodes = {
  DELETING: 'account_deleting',
  DELETED: 'account_deleted',
  DISABLED: 'account_disabled',
} as const;

/**
 * The caller is signed in and active but may not do this: a route for a group they are not in,
 * or a moderator acting on their own content. `code` says which.
 */
export class ForbiddenError extends DomainError {
  constructor(
    readonly code: 'group_required' | 'own_content',
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The request conflicts with the current state; `code` says which conflict. */
export class ConflictError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The wallet cannot pay for this; nothing was written. */
export class InsufficientCreditsError extends DomainError {
  readonly code = 'insufficient_credits';
  constructor(
    readonly required: number,
    readonly balance: number,
  ) {
    super(`This needs ${required} credits and the balance is ${balance}.`);
  }
}

/** Well-formed but refused on its content (a blocked prompt, an upload that is not a usable image); `code` says why. */
export class UnprocessableError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A dependency is down and the request was not carried out (nothing charged); safe to retry later. */
export class TemporarilyUnavailableError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Too many requests: try again after `retryAfterSeconds` (answered as 429 with Retry-After).
 * Issue 12's sync cooldown and RevenueCat's own 429 use it; issue 15 generalises limits.
 */
export class RateLimitedError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
