/**
 * POST /webhooks/revenuecat: one RevenueCat event, applied exactly once in any order
 * (docs/subscriptions.md). 401 before any table access unless the Authorization header is the
 * stage's secret; 200 once the event is applied or recorded, also for a duplicate, a type not
 * yet known or a person nobody knows; a 5xx makes RevenueCat retry (5, 10, 20, 40, 80 minutes).
 */
import { billingRepository } from '../adapters/dynamodb/billing-repository';
import { documentClient } from '../adapters/dynamodb/client';
import { verifyWebhookAuthorization } from '../adapters/secrets/webhook-authorization';
import { applyStoreEvent, type ApplyStoreEventDeps } from '../domain/billing/apply-store-event';
import { storeDeliverySchema } from '../domain/billing/store-event';
import { billingCatalog } from '../shared/billing-catalog';
import { storeWebhookConfig, tableConfig } from '../shared/config';
import { publicRoute } from '../shared/http/route';

let deps: ApplyStoreEventDeps | undefined;

function webhookDeps(): ApplyStoreEventDeps {
  deps ??= {
    billing: billingRepository(documentClient, tableConfig().TABLE_NAME),
    catalog: billingCatalog(),
    now: () => new Date(),
  };
  return deps;
}

export const handler = publicRoute(
  async ({ body }) => ({ body: { status: await applyStoreEvent(webhookDeps(), body.event) } }),
  {
    authenticate: (headers) =>
      verifyWebhookAuthorization(storeWebhookConfig().REVENUECAT_WEBHOOK_SECRET_ID, headers.authorization),
    body: storeDeliverySchema(),
    // RevenueCat's events are a few KB; a subscriber with many aliases a little more.
    maxBodyBytes: 64 * 1024,
  },
);
