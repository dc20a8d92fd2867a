/**
 * The SubscriberRegistry port on RevenueCat's REST API (rest-client.ts, the one client):
 * `DELETE /v1/subscribers/{app_user_id}` with the secret key deletes the customer for good.
 * Pictor's user id is the app user id. Throttling, 5xx and timeouts the client could not get past
 * are transient (the workflow retries); any other refusal (a revoked key, say) is not, and goes to
 * the failure path and its alarm.
 */
import type { SubscriberRegistry } from '../../domain/account-deletion/ports';
import { subscriberRemovalConfig } from '../../shared/config';
import { RateLimitedError, TemporarilyUnavailableError } from '../../shared/errors';
import type { Sleep } from '../../shared/retry';
import { TransientStepError } from '../../shared/transient-error';
import { secretString } from '../secrets/secret-string';
import { revenueCatRest } from './rest-client';

/** A workflow step has minutes: a longer wait per call than a route's. */
const requestTimeoutMs = 10_000;
/** One attempt per invocation: the state machine's Retry is deletion's one retry (backoff, alarm). */
const singleAttempt = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

export function revenueCatSubscriberRegistry(
  config: { baseUrl?: string; apiKey?: () => Promise<string>; sleep?: Sleep } = fromEnvironment(),
  fetchFn: typeof fetch = fetch,
): SubscriberRegistry {
  const { baseUrl, apiKey, sleep } = config;
  const rest =
    baseUrl && apiKey
      ? revenueCatRest({ baseUrl, apiKey, fetchFn, sleep, timeoutMs: requestTimeoutMs, policy: singleAttempt })
      : null;
  return {
    async removeSubscriber(userId) {
      if (!rest) return 'not_configured';
      try {
        return await rest.deleteCustomer(userId);
      } catch (error) {
        if (error instanceof RateLimitedError || error instanceof TemporarilyUnavailableError) {
          throw new TransientStepError('RevenueCat could not delete the subscriber now', { cause: error });
        }
        throw error;
      }
    },
  };
}

function fromEnvironment(): { baseUrl?: string; apiKey?: () => Promise<string> } {
  const { REVENUECAT_API_BASE_URL: baseUrl, REVENUECAT_API_KEY_SECRET_ID: secretId } = subscriberRemovalConfig();
  return { baseUrl, apiKey: secretId ? () => secretString(secretId) : undefined };
}
