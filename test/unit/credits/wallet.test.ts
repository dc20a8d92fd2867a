import { lapsedAllowance, planDebit, toBalanceView, type Wallet } from '../../../lambdas/domain/credits/wallet';

const now = '2026-12-03T12:00:00.000Z';
const later = '2026-12-31T00:00:00.000Z';
const earlier = '2026-12-01T00:00:00.000Z';

describe('the wallet', () => {
  it('draws a debit on the live allowance first', () => {
    const wallet: Wallet = { purchased: 10, allowance: 5, allowanceExpiresAt: later };
    expect(planDebit(wallet, 2, now)).toEqual({
      fromAllowance: 2,
      fromPurchased: 0,
      allowanceExpiresAt: later,
      allowanceSeen: 5,
    });
  });

  it('takes the rest of the allowance and the remainder from purchased credits at the boundary', () => {
    const wallet: Wallet = { purchased: 10, allowance: 1, allowanceExpiresAt: later };
    expect(planDebit(wallet, 3, now)).toMatchObject({ fromAllowance: 1, fromPurchased: 2 });
  });

  it('never draws on an allowance whose end has passed', () => {
    const wallet: Wallet = { purchased: 10, allowance: 5, allowanceExpiresAt: earlier };
    expect(planDebit(wallet, 2, now)).toMatchObject({ fromAllowance: 0, fromPurchased: 2 });
    expect(lapsedAllowance(wallet, now)).toBe(5);
  });

  it('refuses a debit the two kinds together cannot pay', () => {
    expect(planDebit({ purchased: 1, allowance: 1, allowanceExpiresAt: later }, 3, now)).toBeUndefined();
    expect(planDebit({ purchased: 2, allowance: 4, allowanceExpiresAt: earlier }, 3, now)).toBeUndefined();
  });

  it('shows the split without an ended allowance, and its sum as the balance', () => {
    expect(toBalanceView({ purchased: 7, allowance: 3, allowanceExpiresAt: later }, now)).toEqual({
      balance: 10,
      allowance: 3,
      purchased: 7,
      allowanceExpiresAt: later,
    });
    expect(toBalanceView({ purchased: 7, allowance: 3, allowanceExpiresAt: earlier }, now)).toEqual({
      balance: 7,
      allowance: 0,
      purchased: 7,
      allowanceExpiresAt: null,
    });
  });
});
