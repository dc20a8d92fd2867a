/**
 * The SubscriberRegistry port on RevenueCat's REST API v1 (CONTRACTS §2.6):
 * `DELETE /v1/subscribers/{app_user_id}` with the secret key deletes the customer for good.
 * Pictor's user id is the app user id. Throttling and 5xx are transient (the workflow retries);
 * any other refusal (a revoked key, say) is not, and goes to the failure path and its alarm.
 */
import type { SubscriberRegistry } from '../../domain/account-deletion/ports';
import { subscriberRemovalConfig } from '../../shared/config';
import { TransientStepError } from '../../shared/transient-error';
import { secretString } from '../secrets/secret-string';

const requestTimeoutMs = 10_000;

export function revenueCatSubscriberRegistry(
  config: { baseUrl?: string; apiKey?: () => Promise<string> } = fromEnvironment(),
  fetchFn: typeof fetch = fetch,
): SubscriberRegistry {
  return {
    async removeSubscriber(userId) {
      const { baseUrl, apiKey } = config;
      if (!baseUrl || !apiKey) return 'not_configured';
      const response = await fetchFn(`${baseUrl.replace(/\/$/, '')}/v1/subscribers/${encodeURIComponent(userId)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${await apiKey()}`, accept: 'application/json' },
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      // Drain the body so the connection can be reused; its content is not needed.
      await response.arrayBuffer();
      if (response.ok) return 'removed';
      if (response.status === 404) return 'absent';
      if (response.status === 429 || response.status >= 500) {
        throw new TransientStepError(`RevenueCat answered ${response.status} to the subscriber deletion`);
      }
      throw new Error(`RevenueCat refused the subscriber deletion with ${response.status}`);
    },
  };
}

function fromEnvironment(): { baseUrl?: string; apiKey?: () => Promise<string> } {
  const { REVENUECAT_API_BASE_URL: baseUrl, REVENUECAT_API_KEY_SECRET_ID: secretId } = subscriberRemovalConfig();
  return { baseUrl, apiKey: secretId ? () => secretString(secretId) : undefined };
}
