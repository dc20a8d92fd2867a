/** Subscriptions and credit packs (docs/subscriptions.md). */
import { type RouteDefinition, jwt } from './route-definition';

export const billingRoutes: readonly RouteDefinition[] = [
  {
    id: 'GetPlans',
    method: 'GET',
    path: '/v1/plans',
    entry: 'lambdas/http/billing/get-plans.ts',
    auth: jwt,
    table: 'none',
    limit: 'fixed-content',
  },
  {
    id: 'RevenueCatWebhook',
    method: 'POST',
    path: '/webhooks/revenuecat',
    entry: 'lambdas/webhooks/revenuecat.ts',
    auth: {
      kind: 'public',
      reason:
        'RevenueCat cannot present a Cognito token: the handler compares the Authorization header ' +
        'in constant time with a Secrets Manager secret before any table access (401 otherwise).',
    },
    table: 'readWrite',
    limit: 'webhook',
    uses: ['verifyStoreWebhooks'],
  },
  {
    id: 'SyncSubscription',
    method: 'POST',
    path: '/v1/me/subscription/sync',
    entry: 'lambdas/http/billing/sync-subscription.ts',
    auth: jwt,
    table: 'readWrite',
    limit: 'write',
    uses: ['readStoreCustomers'],
  },
];
