/**
 * The daily reconciliation (lambdas/domain/billing/reconcile-subscriptions.ts), run by an
 * EventBridge schedule (lib/scheduled.ts). A run RevenueCat could not serve fails the
 * invocation after saving where it stopped: the error alarm watches it, the next run resumes.
 */
import { billingRepository } from '../adapters/dynamodb/billing-repository';
import { documentClient } from '../adapters/dynamodb/client';
import { storeEventReceipts } from '../adapters/dynamodb/store-sync-repository';
import { reconcileCursors, storeWatchList } from '../adapters/dynamodb/store-watch-repository';
import { revenueCatCustomers } from '../adapters/revenuecat/store-customers';
import { type ReconcileSubscriptionsDeps, reconcileSubscriptions } from '../domain/billing/reconcile-subscriptions';
import { billingCatalog } from '../shared/billing-catalog';
import { tableConfig } from '../shared/config';
import { logger } from '../shared/logger';

let deps: ReconcileSubscriptionsDeps | undefined;

function wired(): ReconcileSubscriptionsDeps {
  const table = tableConfig().TABLE_NAME;
  deps ??= {
    billing: billingRepository(documentClient, table),
    receipts: storeEventReceipts(documentClient, table),
    // A run has minutes: a longer per-call timeout, and RevenueCat's Retry-After waited out up to 30 s.
    customers: revenueCatCustomers({ timeoutMs: 5_000, maxRetryAfterMs: 30_000 }),
    watchList: storeWatchList(documentClient, table),
    cursors: reconcileCursors(documentClient, table),
    catalog: billingCatalog(),
    now: () => new Date(),
    // 480 requests a minute is RevenueCat's customer-information limit; 2000 people fit in 15 minutes.
    maxPeoplePerRun: 2_000,
    pageSize: 100,
  };
  return deps;
}

export async function handler(): Promise<{ people: number; applied: number; resumable: boolean }> {
  const run = await reconcileSubscriptions(wired());
  // Counts only: no user id leaves the run.
  logger.info('subscriptions reconciled', { ...run });
  return run;
}
