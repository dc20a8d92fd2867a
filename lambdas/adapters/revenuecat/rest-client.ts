/**
 * RevenueCat's REST API, the one client Pictor has for it: sync and the reconciliation read a
 * customer, account deletion removes one (subscriber-registry.ts is the port on top).
 *
 * Why v1 here (CONTRACTS §2.6) where CONTRACTS-2 §1.5 leans to v2: the grants are keyed on each
 * period's store transaction (the webhook's `transaction_id`), and v1's subscriber shows it
 * (`store_transaction_id`), with `refunded_at` and the price, in one call; v2's subscription
 * object names the subscription, not the period, and v2 also needs a project id and a second
 * key. v1's GET creates an empty customer for an unknown id: harmless here, because the id is
 * always a Pictor user's, and the reconciliation only asks for people who bought.
 *
 * Each call: the key from Secrets Manager (read once per container), a per-call timeout, up to
 * 3 attempts with backoff on 5xx, timeouts and dropped connections, a 429's Retry-After honoured
 * when it is short (capped) and answered as RateLimitedError when it is not. Nothing is logged
 * here; errors name the route template, never the user id or the key.
 */
import * as v from 'valibot';
import type { StoreCustomer, StorePurchase, StoreSubscription } from '../../domain/billing/store-customer';
import { RateLimitedError, TemporarilyUnavailableError } from '../../shared/errors';
import { type RetryPolicy, retryCall, retryPolicies, type Sleep } from '../../shared/retry';

export interface RevenueCatRestOptions {
  baseUrl: string;
  apiKey: () => Promise<string>;
  /** @default 2000: three attempts and their waits fit in a route's 10 s. */
  timeoutMs?: number;
  /** The longest Retry-After waited for in the call; a longer one is the caller's (429). @default 2000 */
  maxRetryAfterMs?: number;
  policy?: RetryPolicy;
  fetchFn?: typeof fetch;
  sleep?: Sleep;
}

export interface RevenueCatRest {
  /** The customer, or undefined when RevenueCat has none. */
  getCustomer(appUserId: string): Promise<StoreCustomer | undefined>;
  deleteCustomer(appUserId: string): Promise<'removed' | 'absent'>;
}

/**
 * A call worth another attempt: a 5xx, a 429 (`retryAfterMs` is what it asked for), or no answer
 * at all (`status` 0: the timeout fired or the connection dropped).
 */
class RevenueCatHttpError extends Error {
  readonly transient = true;
  constructor(
    readonly status: number,
    route: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(status === 0 ? `RevenueCat did not answer ${route}` : `RevenueCat answered ${status} to ${route}`, options);
    this.name = 'RevenueCatHttpError';
  }
}

export function revenueCatRest(options: RevenueCatRestOptions): RevenueCatRest {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 2_000;
  const fetchFn = options.fetchFn ?? fetch;
  const base = options.baseUrl.replace(/\/$/, '');

  async function call(method: 'GET' | 'DELETE', route: string, appUserId: string): Promise<Response> {
    const key = await options.apiKey();
    const url = `${base}${route.replace('{id}', encodeURIComponent(appUserId))}`;
    const attempt = async () => {
      const response = await fetchFn(url, {
        method,
        headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      }).catch((error: unknown) => {
        // A timeout (DOMException TimeoutError) or a dropped connection (TypeError: fetch failed).
        throw new RevenueCatHttpError(0, `${method} ${route}`, undefined, { cause: error });
      });
      if (response.status === 429 || response.status >= 500) {
        // Drain the body so the connection can be reused; its content is not needed.
        await response.arrayBuffer().catch(() => undefined);
        throw new RevenueCatHttpError(response.status, `${method} ${route}`, retryAfterMs(response));
      }
      return response;
    };
    try {
      return await retryCall(options.policy ?? retryPolicies.revenueCatRequest, attempt, {
        // A 429 asking for longer than the cap is the caller's to wait for: no attempt in between.
        retryable: (error) => error instanceof RevenueCatHttpError && (error.retryAfterMs ?? 0) <= maxRetryAfterMs,
        requestedDelayMs: (error) => (error instanceof RevenueCatHttpError ? error.retryAfterMs : undefined),
        sleep: options.sleep,
      });
    } catch (error) {
      if (error instanceof RevenueCatHttpError && error.status === 429) {
        const seconds = Math.ceil((error.retryAfterMs ?? 1_000) / 1_000);
        throw new RateLimitedError('store_rate_limited', 'RevenueCat is busy: try again later.', seconds);
      }
      if (error instanceof RevenueCatHttpError) {
        throw new TemporarilyUnavailableError('store_unavailable', 'RevenueCat did not answer: try again later.');
      }
      throw error;
    }
  }

  return {
    async getCustomer(appUserId) {
      const response = await call('GET', '/v1/subscribers/{id}', appUserId);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`RevenueCat refused GET /v1/subscribers/{id} with ${response.status}`);
      const parsed = v.safeParse(subscriberSchema(), await response.json());
      if (!parsed.success) throw new Error('RevenueCat answered a subscriber Pictor cannot read');
      return customerOf(parsed.output.subscriber);
    },
    async deleteCustomer(appUserId) {
      const response = await call('DELETE', '/v1/subscribers/{id}', appUserId);
      await response.arrayBuffer();
      if (response.ok) return 'removed';
      if (response.status === 404) return 'absent';
      throw new Error(`RevenueCat refused DELETE /v1/subscribers/{id} with ${response.status}`);
    },
  };
}

/** Retry-After in seconds (RevenueCat sends seconds; an HTTP date is read too), as ms. */
function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/* @__NO_SIDE_EFFECTS__ */ const text = () => v.nullish(v.pipe(v.string(), v.maxLength(512)));
/* @__NO_SIDE_EFFECTS__ */ const price = () =>
  v.nullish(v.looseObject({ amount: v.number(), currency: v.pipe(v.string(), v.maxLength(16)) }));

/** GET /v1/subscribers/{id}'s body, only what Pictor reads, loose (RevenueCat adds fields). */
/* @__NO_SIDE_EFFECTS__ */ function subscriberSchema() {
  return v.looseObject({
    subscriber: v.looseObject({
      subscriptions: v.nullish(
        v.record(
          v.string(),
          v.looseObject({
            purchase_date: v.string(),
            expires_date: text(),
            period_type: text(),
            store: text(),
            is_sandbox: v.nullish(v.boolean()),
            unsubscribe_detected_at: text(),
            grace_period_expires_date: text(),
            refunded_at: text(),
            store_transaction_id: text(),
          }),
        ),
      ),
      non_subscriptions: v.nullish(
        v.record(
          v.string(),
          v.array(
            v.looseObject({
              purchase_date: v.string(),
              store: text(),
              is_sandbox: v.nullish(v.boolean()),
              store_transaction_id: text(),
              refunded_at: text(),
              price: price(),
            }),
          ),
        ),
      ),
    }),
  });
}

type Subscriber = v.InferOutput<ReturnType<typeof subscriberSchema>>['subscriber'];

const millis = (date: string | null | undefined) => {
  if (!date) return null;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? null : ms;
};

const periodTypes = new Set(['NORMAL', 'TRIAL', 'INTRO', 'PROMOTIONAL', 'PREPAID']);

function customerOf(subscriber: Subscriber): StoreCustomer {
  const subscriptions: StoreSubscription[] = Object.entries(subscriber.subscriptions ?? {}).map(([productId, s]) => {
    const periodType = s.period_type?.toUpperCase();
    return {
      productId,
      transactionId: s.store_transaction_id ?? null,
      purchasedAt: millis(s.purchase_date) ?? 0,
      expiresAt: millis(s.expires_date),
      periodType: periodType && periodTypes.has(periodType) ? (periodType as StoreSubscription['periodType']) : null,
      store: s.store ?? null,
      sandbox: s.is_sandbox ?? false,
      unsubscribedAt: millis(s.unsubscribe_detected_at),
      gracePeriodExpiresAt: millis(s.grace_period_expires_date),
      refundedAt: millis(s.refunded_at),
    };
  });
  const purchases: StorePurchase[] = Object.entries(subscriber.non_subscriptions ?? {}).flatMap(([productId, list]) =>
    list.map((p) => ({
      productId,
      transactionId: p.store_transaction_id ?? null,
      purchasedAt: millis(p.purchase_date) ?? 0,
      store: p.store ?? null,
      sandbox: p.is_sandbox ?? false,
      refundedAt: millis(p.refunded_at),
      price: p.price ? { amount: p.price.amount, currency: p.price.currency } : null,
    })),
  );
  return { subscriptions, purchases };
}
