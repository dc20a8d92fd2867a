/** GET /v1/plans: the stage's catalog as a paywall needs it (no prices: the store shows those). */
import { toPlansView } from '../../domain/billing/catalog';
import { billingCatalog } from '../../shared/billing-catalog';
import { userRoute } from '../../shared/http/route';

export const handler = userRoute({}, async () => ({ body: toPlansView(billingCatalog()) }));
