/**
 * A RevenueCat webhook delivery as Pictor reads it (CONTRACTS §2.3–2.4, corrected by CONTRACTS-2
 * §1.2): loose objects, because RevenueCat adds fields and event types without a version bump,
 * and every field but the event's id, type and time may be missing or null (TRANSFER has no
 * app_user_id, INVOICE_ISSUANCE nulls its transaction, paywall events carry no store). Only the
 * webhook imports this schema.
 */
import * as v from 'valibot';

/* @__NO_SIDE_EFFECTS__ */ const text = () => v.nullish(v.pipe(v.string(), v.maxLength(512)));
/* @__NO_SIDE_EFFECTS__ */ const millis = () => v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0)));
/* @__NO_SIDE_EFFECTS__ */ const ids = () =>
  v.nullish(v.pipe(v.array(v.pipe(v.string(), v.maxLength(512))), v.maxLength(100)));

/** The delivery's schema, built on first use. */
/* @__NO_SIDE_EFFECTS__ */ export function storeDeliverySchema() {
  return v.looseObject({
    event: v.looseObject({
      id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
      type: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
      event_timestamp_ms: v.pipe(v.number(), v.integer(), v.minValue(0)),
      app_user_id: text(),
      original_app_user_id: text(),
      aliases: ids(),
      transferred_from: ids(),
      transferred_to: ids(),
      product_id: text(),
      new_product_id: text(),
      entitlement_ids: ids(),
      period_type: text(),
      purchased_at_ms: millis(),
      expiration_at_ms: millis(),
      grace_period_expiration_at_ms: millis(),
      environment: text(),
      purchase_environment: text(),
      store: text(),
      transaction_id: text(),
      original_transaction_id: text(),
      cancel_reason: text(),
      virtual_currency_transaction_id: text(),
      /** What the person paid in `currency` (negative for a refund): kept with the billing records. */
      price_in_purchased_currency: v.nullish(v.number()),
      currency: text(),
      adjustments: v.nullish(
        v.pipe(
          v.array(
            v.looseObject({
              amount: v.pipe(v.number(), v.integer()),
              currency: v.looseObject({ code: v.pipe(v.string(), v.maxLength(64)) }),
            }),
          ),
          v.maxLength(100),
        ),
      ),
    }),
  });
}

export type StoreEvent = v.InferOutput<ReturnType<typeof storeDeliverySchema>>['event'];
