/** The stage's store catalog, read from BILLING_CATALOG once per container (lambdas/domain/billing/catalog.ts). */
import { emptyCatalog, type BillingCatalog } from '../domain/billing/catalog';
import { billingConfig } from './config';

let catalog: BillingCatalog | undefined;

/** The catalog the stage config declared, or the empty one of a stage that sells nothing. */
export function billingCatalog(): BillingCatalog {
  // Validated in full by the stage config's schema at synth; the env check only proves it is JSON.
  catalog ??= (billingConfig().BILLING_CATALOG as BillingCatalog | undefined) ?? emptyCatalog;
  return catalog;
}
