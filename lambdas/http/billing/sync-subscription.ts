/**
 * POST /v1/me/subscription/sync: applies what RevenueCat shows and a webhook never delivered
 * (docs/subscriptions.md, "Sync"); answers how many derived events it applied. 429 within a
 * minute of the last sync (`sync_cooldown`) or when RevenueCat throttles (`store_rate_limited`),
 * both with Retry-After; 503 `store_unavailable` when RevenueCat is slow or down, nothing changed.
 */
import { billingRepository } from '../../adapters/dynamodb/billing-repository';
import { documentClient } from '../../adapters/dynamodb/client';
import { storeEventReceipts, syncCooldown } from '../../adapters/dynamodb/store-sync-repository';
import { revenueCatCustomers } from '../../adapters/revenuecat/store-customers';
import { type SyncSubscriptionDeps, syncSubscription } from '../../domain/billing/sync-subscription';
import { billingCatalog } from '../../shared/billing-catalog';
import { tableConfig } from '../../shared/config';
import { userRoute } from '../../shared/http/route';

let deps: SyncSubscriptionDeps | undefined;

function syncDeps(): SyncSubscriptionDeps {
  const table = tableConfig().TABLE_NAME;
  deps ??= {
    billing: billingRepository(documentClient, table),
    receipts: storeEventReceipts(documentClient, table),
    cooldown: syncCooldown(documentClient, table),
    customers: revenueCatCustomers(),
    catalog: billingCatalog(),
    now: () => new Date(),
  };
  return deps;
}

export const handler = userRoute({}, async ({ caller }) => ({
  body: await syncSubscription(syncDeps(), caller.userId),
}));
