import { periodAllowance, toPlansView, type BillingCatalog } from '../../../lambdas/domain/billing/catalog';

const catalog: BillingCatalog = {
  entitlement: 'pro',
  monthlyAllowance: 200,
  trialAllowance: 20,
  creditSource: 'purchaseEvents',
  applySandbox: true,
  products: [
    { kind: 'subscription', id: 'pro_monthly' },
    { kind: 'subscription', id: 'pro_plus', allowance: 600 },
    { kind: 'consumable', id: 'credits_100', credits: 100 },
  ],
};

describe('the store catalog', () => {
  it('shows each subscription with the allowance a period grants and each pack with its credits, no prices', () => {
    expect(toPlansView(catalog)).toEqual({
      entitlement: 'pro',
      subscriptions: [
        { productId: 'pro_monthly', allowance: 200 },
        { productId: 'pro_plus', allowance: 600 },
      ],
      trialAllowance: 20,
      packs: [{ productId: 'credits_100', credits: 100 }],
    });
  });

  it('grants the trial allowance for a trial period, whatever the product', () => {
    expect(periodAllowance(catalog, { kind: 'subscription', id: 'pro_plus', allowance: 600 }, true)).toBe(20);
    expect(periodAllowance(catalog, { kind: 'subscription', id: 'pro_plus', allowance: 600 }, false)).toBe(600);
  });
});
