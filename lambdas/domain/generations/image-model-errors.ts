/**
 * The two kinds of error an ImageModel (./ports.ts) may throw besides its outcomes, so the
 * worker's retry and refund rules are written once, whatever the provider.
 */
/** Worth trying again later: throttling, timeouts, the provider's 5xx. */
export class TransientModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientModelError';
  }
}

/**
 * Trying again would fail the same way (invalid request, access denied, unknown model, an
 * inference error). The generation fails and is refunded; `reason` is safe to show the user.
 */
export class PermanentModelError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentModelError';
  }
}
