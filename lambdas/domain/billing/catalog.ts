/**
 * The stage's store catalog: the entitlement that makes a person Pro, what a Pro period grants,
 * and the credit packs. Validated with the rest of the stage config at synth
 * (lib/config/stage-config.ts) and handed to the functions as JSON (BILLING_CATALOG). Pure domain
 * code: no AWS types, no prices (the store shows those).
 */

/** A subscription product: each paid period grants the allowance (or the product's own). */
export interface SubscriptionProduct {
  kind: 'subscription';
  id: string;
  /** Credits each period of this product grants; @default the entitlement's monthlyAllowance */
  allowance?: number;
}

/** A consumable (non-renewing) product: its credits never expire. */
export interface ConsumableProduct {
  kind: 'consumable';
  id: string;
  credits: number;
}

export type CatalogProduct = SubscriptionProduct | ConsumableProduct;

/**
 * Where purchased credits come from. RevenueCat sends VIRTUAL_CURRENCY_TRANSACTION across the
 * whole purchase lifecycle of a product that grants virtual currency, so crediting from both it
 * and the purchase events would pay twice (CONTRACTS-2 §1.2): a stage picks one.
 */
export type CreditSource = 'purchaseEvents' | 'virtualCurrency';

export interface BillingCatalog {
  /** The RevenueCat entitlement id that makes a person Pro. */
  entitlement: string;
  /** Credits a Pro period grants; they expire at the period's end. */
  monthlyAllowance: number;
  /** Credits a trial period grants (0: trials give access only). */
  trialAllowance: number;
  creditSource: CreditSource;
  /** The RevenueCat virtual currency code that counts as credits, when creditSource is virtualCurrency. */
  virtualCurrency?: string;
  /**
   * Whether SANDBOX events take effect on this stage. App Review and TestFlight buy with sandbox
   * accounts against production, so a production stage usually applies them (marked in the ledger).
   */
  applySandbox: boolean;
  products: CatalogProduct[];
}

/** A stage with no store: nothing to sell, every event recorded without effect. */
export const emptyCatalog: BillingCatalog = {
  entitlement: 'pro',
  monthlyAllowance: 0,
  trialAllowance: 0,
  creditSource: 'purchaseEvents',
  applySandbox: false,
  products: [],
};

export function findProduct(catalog: BillingCatalog, productId: string | null | undefined): CatalogProduct | undefined {
  return productId ? catalog.products.find((product) => product.id === productId) : undefined;
}

/** What one paid period of a subscription grants; a trial grants the stage's trial allowance. */
export function periodAllowance(catalog: BillingCatalog, product: SubscriptionProduct, trial: boolean): number {
  if (trial) return catalog.trialAllowance;
  return product.allowance ?? catalog.monthlyAllowance;
}

/** GET /v1/plans: what a paywall needs to show next to the store's prices. */
export interface PlansView {
  entitlement: string;
  subscriptions: Array<{ productId: string; allowance: number }>;
  trialAllowance: number;
  packs: Array<{ productId: string; credits: number }>;
}

export function toPlansView(catalog: BillingCatalog): PlansView {
  return {
    entitlement: catalog.entitlement,
    subscriptions: catalog.products
      .filter((product): product is SubscriptionProduct => product.kind === 'subscription')
      .map((product) => ({ productId: product.id, allowance: periodAllowance(catalog, product, false) })),
    trialAllowance: catalog.trialAllowance,
    packs: catalog.products
      .filter((product): product is ConsumableProduct => product.kind === 'consumable')
      .map((product) => ({ productId: product.id, credits: product.credits })),
  };
}
