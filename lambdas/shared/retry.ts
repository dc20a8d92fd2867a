/**
 * The one way Pictor's adapters try again: exponential backoff with full jitter (AWS Architecture
 * Blog, "Exponential Backoff And Jitter"), in two shapes:
 *  - `retryCall`: the whole call again, while it fails with an error worth another attempt
 *    (a transaction conflict, a throttled or failed HTTPS request);
 *  - `retryRemainder`: only what a batch call handed back unprocessed, until none is left
 *    (BatchWriteItem's UnprocessedItems, BatchGetItem's UnprocessedKeys, DeleteObjects' Errors).
 * Every wait goes through an injectable `sleep`, so tests run without time passing.
 *
 * Not @smithy/core's StandardRetryStrategy (what @smithy/util-retry became): it retries whole
 * calls only, sleeps with its own setTimeout (nothing to inject), shares a retry-token quota
 * across calls, and adds ~11 KB to a signed-request bundle; this file is well under 1 KB.
 */

/** Waits `ms` milliseconds. */
export type Sleep = (ms: number) => Promise<void>;

export const sleepFor: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many times one kind of wait tries, and how long it may wait between tries. */
export interface RetryPolicy {
  /** Calls in all, the first one included. */
  readonly maxAttempts: number;
  /** The delay cap before jitter grows as `baseDelayMs` × 2^(failed attempts). */
  readonly baseDelayMs: number;
  /** The base instead, when the service said it was throttling (it asks for a longer wait). */
  readonly throttledBaseDelayMs?: number;
  /** No wait is longer than this. */
  readonly maxDelayMs: number;
}

/**
 * Every retry policy, one per kind of wait, together so they can be compared. Why each differs:
 * - `transactionConflict`: another transaction holds the same item for milliseconds (100 people
 *   racing for one wallet); short waits, many tries, or a burst of debits fails when it need not.
 * - `dynamoUnprocessed`: DynamoDB hands back what it throttled (partition limits); waits grow to
 *   a second so the partition recovers. A workflow step's own Retry picks up what is still left.
 * - `s3PerKeyErrors`: DeleteObjects answers 200 with per-key errors under load; S3 asks for a
 *   slower pace than DynamoDB, and account deletion has a whole Step Functions task to spend.
 * - `s3Request`: a throttled, failed or dropped S3 request, as the SDK's standard retry mode
 *   (3 attempts, 100 ms × 2^n, capped at 20 s) that the signed requests replace.
 * - `guardrailRequest`: ApplyGuardrail inside an HTTP request (10 s Lambda timeout): the SDK's
 *   standard delays (500 ms base when throttled) but 2 attempts, so the worst case stays ~7 s.
 * - `invokeModel`: a signed InvokeModel in the generation worker: the SDK's standard mode (3
 *   attempts, 500 ms base when throttled) it replaces; the queue retries beyond that, by minutes.
 * - `alertPublish`: an SNS Publish of a safety alert inside an HTTP request: 3 attempts with
 *   short waits (capped at 1 s), so a blip does not lose the page and the request stays short.
 * - `revenueCatRequest`: RevenueCat's REST API inside POST /v1/me/subscription/sync (10 s Lambda
 *   timeout): 3 attempts, waits capped at 1 s (a 429's Retry-After up to 2 s is honoured instead),
 *   so three 2 s timeouts and the waits stay under ~8.5 s; the reconciliation passes its own.
 */
export const retryPolicies = {
  transactionConflict: { maxAttempts: 12, baseDelayMs: 10, maxDelayMs: 500 },
  dynamoUnprocessed: { maxAttempts: 8, baseDelayMs: 25, maxDelayMs: 1_000 },
  s3PerKeyErrors: { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 2_000 },
  s3Request: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 20_000 },
  guardrailRequest: { maxAttempts: 2, baseDelayMs: 100, throttledBaseDelayMs: 500, maxDelayMs: 20_000 },
  invokeModel: { maxAttempts: 3, baseDelayMs: 100, throttledBaseDelayMs: 500, maxDelayMs: 20_000 },
  alertPublish: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
  revenueCatRequest: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1_000 },
} as const satisfies Record<string, RetryPolicy>;

/** The wait after `failedAttempts` failed calls (1-based): uniform in [0, min(max, base × 2^failedAttempts)). */
export function backoffDelay(policy: RetryPolicy, failedAttempts: number, throttled = false): number {
  const base = throttled ? (policy.throttledBaseDelayMs ?? policy.baseDelayMs) : policy.baseDelayMs;
  return Math.random() * Math.min(policy.maxDelayMs, base * 2 ** failedAttempts);
}

export interface RetryCallOptions {
  /** Whether a failure is worth another attempt; anything else is thrown at once. */
  retryable: (error: unknown) => boolean;
  /** Whether the failure was throttling (waits from `throttledBaseDelayMs`). */
  throttled?: (error: unknown) => boolean;
  /** The wait the service asked for (a 429's Retry-After), in ms: used instead of the backoff. */
  requestedDelayMs?: (error: unknown) => number | undefined;
  /** @default sleepFor */
  sleep?: Sleep;
}

/** `call` until it succeeds; a non-retryable failure, or the last one once attempts are spent, is thrown. */
export async function retryCall<T>(policy: RetryPolicy, call: () => Promise<T>, options: RetryCallOptions): Promise<T> {
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.maxAttempts || !options.retryable(error)) throw error;
      const requested = options.requestedDelayMs?.(error);
      await sleep(requested ?? backoffDelay(policy, attempt, options.throttled?.(error) ?? false));
    }
  }
}

export interface RetryRemainderOptions<Item> {
  /** The error thrown when attempts are spent with `left` still unprocessed after `attempts` calls. */
  giveUp: (left: readonly Item[], attempts: number) => Error;
  /** @default sleepFor */
  sleep?: Sleep;
}

/**
 * Sends `items` with `send`, which answers what it left unprocessed; sends that again, after a
 * backoff, until nothing is left. Only the remainder is ever sent again.
 */
export async function retryRemainder<Item>(
  policy: RetryPolicy,
  items: readonly Item[],
  send: (pending: readonly Item[]) => Promise<readonly Item[]>,
  options: RetryRemainderOptions<Item>,
): Promise<void> {
  const sleep = options.sleep ?? sleepFor;
  let pending = items;
  for (let attempt = 1; ; attempt += 1) {
    pending = await send(pending);
    if (pending.length === 0) return;
    if (attempt >= policy.maxAttempts) throw options.giveUp(pending, attempt);
    await sleep(backoffDelay(policy, attempt));
  }
}
