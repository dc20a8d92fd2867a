/**
 * The StoreCustomers port on the REST client, configured from the stage (the API base and the
 * key's secret id, as account deletion reads them). A stage without RevenueCat has no customers.
 */
import type { StoreCustomers } from '../../domain/billing/ports';
import { subscriberRemovalConfig } from '../../shared/config';
import { secretString } from '../secrets/secret-string';
import { revenueCatRest, type RevenueCatRestOptions } from './rest-client';

export function revenueCatCustomers(options: Partial<RevenueCatRestOptions> = {}): StoreCustomers {
  const { REVENUECAT_API_BASE_URL: baseUrl, REVENUECAT_API_KEY_SECRET_ID: secretId } = subscriberRemovalConfig();
  if (!baseUrl || !secretId) return { customer: async () => undefined };
  const rest = revenueCatRest({ baseUrl, apiKey: () => secretString(secretId), ...options });
  return { customer: (userId) => rest.getCustomer(userId) };
}
