/**
 * RevenueCat webhook deliveries shaped like CONTRACTS §2.4's samples (loose: the same fields,
 * `metadata: null`, prices with their sign), for the dev stage's catalog (cdk.json: `pro`,
 * `pro_monthly`, `credits_100`), and the request that posts one to the local API.
 */
import { randomUUID } from 'node:crypto';
import { localWebhookAuthorization } from '../../local/secrets';
import type { TestApi, TestResponse } from './local-api';

export const day = 86_400_000;

export interface EventFields {
  id?: string;
  at?: number;
  [field: string]: unknown;
}

/** One delivery; `at` is event_timestamp_ms (default now). */
export function delivery(type: string, userId: string | null, fields: EventFields = {}) {
  const { id = randomUUID(), at = Date.now(), ...rest } = fields;
  return {
    api_version: '1.0',
    event: {
      type,
      id,
      event_timestamp_ms: at,
      app_id: 'app1234567890',
      app_user_id: userId,
      original_app_user_id: userId,
      aliases: userId ? [userId] : [],
      environment: 'PRODUCTION',
      store: 'APP_STORE',
      metadata: null,
      ...rest,
    },
  };
}

/** A subscription event of `pro_monthly` for the period of `transactionId` (30 days from `start`). */
export function periodEvent(
  type: string,
  userId: string | null,
  transactionId: string,
  start: number,
  fields: EventFields = {},
) {
  return delivery(type, userId, {
    at: start,
    product_id: 'pro_monthly',
    entitlement_ids: ['pro'],
    period_type: 'NORMAL',
    purchased_at_ms: start,
    expiration_at_ms: start + 30 * day,
    transaction_id: transactionId,
    original_transaction_id: 'original-1',
    price: 9.99,
    currency: 'USD',
    ...fields,
  });
}

/** A pack (`credits_100`) bought in `transactionId`. */
export function packEvent(userId: string, transactionId: string, fields: EventFields = {}) {
  return delivery('NON_RENEWING_PURCHASE', userId, {
    product_id: 'credits_100',
    entitlement_ids: null,
    expiration_at_ms: null,
    transaction_id: transactionId,
    price: 4.99,
    currency: 'USD',
    ...fields,
  });
}

/** A refund of `transactionId` (CANCELLATION with CUSTOMER_SUPPORT, negative price). */
export function refundEvent(userId: string, transactionId: string, productId: string, fields: EventFields = {}) {
  return delivery('CANCELLATION', userId, {
    cancel_reason: 'CUSTOMER_SUPPORT',
    product_id: productId,
    entitlement_ids: productId === 'pro_monthly' ? ['pro'] : null,
    transaction_id: transactionId,
    price: -9.99,
    ...fields,
  });
}

/** Posts `body` with the local webhook authorization, another header, or none (`null`). */
export function postDelivery(
  api: TestApi,
  body: unknown,
  authorization: string | null = localWebhookAuthorization,
): Promise<TestResponse> {
  return api.request('POST', '/webhooks/revenuecat', {
    body,
    headers: authorization === null ? {} : { authorization },
  });
}
