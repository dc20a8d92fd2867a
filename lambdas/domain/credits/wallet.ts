/**
 * The two kinds of credits and the rules between them (docs/subscriptions.md, "The credit model").
 * A Pro period's allowance expires at the period's end; purchased credits (packs, the starter
 * grant, refunds of them) never do. Spending draws on the allowance first. An allowance whose end
 * has passed counts as zero everywhere, whether or not its EXPIRY entry has been written yet.
 * Pure domain code.
 */
import type { Profile } from '../profile/profile';

/** The wallet as stored on the profile. */
export interface Wallet {
  /** Credits that never expire (the profile's `credits` attribute, as before allowances existed). */
  purchased: number;
  /** What is left of the current period's allowance; absent: none was ever granted. */
  allowance?: number;
  /** When the allowance expires (ISO); absent with no allowance. */
  allowanceExpiresAt?: string;
  /** The grant the allowance came from (its period's idempotency key), for the EXPIRY entry's id. */
  allowanceGrantId?: string;
}

/** The wallet the profile item holds. */
export function walletOf(
  profile: Pick<Profile, 'credits' | 'allowance' | 'allowanceExpiresAt' | 'allowanceGrantId'>,
): Wallet {
  return {
    purchased: profile.credits,
    allowance: profile.allowance,
    allowanceExpiresAt: profile.allowanceExpiresAt,
    allowanceGrantId: profile.allowanceGrantId,
  };
}

/** The balance as the API shows it: the split and its sum (never negative). */
export interface BalanceView {
  balance: number;
  allowance: number;
  purchased: number;
  /** When the live allowance expires; null with no live allowance. */
  allowanceExpiresAt: string | null;
}

/** The allowance that may still be spent at `now` (ISO): zero once its end has passed. */
export function liveAllowance(wallet: Wallet, now: string): number {
  if (!wallet.allowance || !wallet.allowanceExpiresAt) return 0;
  return wallet.allowanceExpiresAt > now ? wallet.allowance : 0;
}

/** An allowance whose end has passed but whose EXPIRY entry may not be written yet. */
export function lapsedAllowance(wallet: Wallet, now: string): number {
  if (!wallet.allowance || !wallet.allowanceExpiresAt) return 0;
  return wallet.allowanceExpiresAt <= now ? wallet.allowance : 0;
}

export function toBalanceView(wallet: Wallet, now: string): BalanceView {
  const allowance = liveAllowance(wallet, now);
  return {
    balance: allowance + wallet.purchased,
    allowance,
    purchased: wallet.purchased,
    allowanceExpiresAt: allowance > 0 ? (wallet.allowanceExpiresAt ?? null) : null,
  };
}

/**
 * How one debit of `cost` is drawn: the live allowance first, the rest from purchased credits.
 * `allowanceExpiresAt` names the allowance the debit drew on, so a refund can go back to it.
 */
export interface DebitSplit {
  fromAllowance: number;
  fromPurchased: number;
  allowanceExpiresAt?: string;
  /** The allowance the split was planned on; a split that empties it is conditioned on exactly this. */
  allowanceSeen: number;
}

/** The split of a debit of `cost`, or undefined when the wallet cannot pay it. */
export function planDebit(wallet: Wallet, cost: number, now: string): DebitSplit | undefined {
  const allowance = liveAllowance(wallet, now);
  const fromAllowance = Math.min(allowance, cost);
  const fromPurchased = cost - fromAllowance;
  if (fromPurchased > wallet.purchased) return undefined;
  return {
    fromAllowance,
    fromPurchased,
    allowanceExpiresAt: fromAllowance > 0 ? wallet.allowanceExpiresAt : undefined,
    allowanceSeen: allowance,
  };
}

/** The first attempt of every debit: purchased credits only, valid whenever no allowance is live. */
export function purchasedOnly(cost: number): DebitSplit {
  return { fromAllowance: 0, fromPurchased: cost, allowanceSeen: 0 };
}

/** The id of the EXPIRY entry of one allowance: one per grant, so writing it twice is a no-op. */
export function expiryEntryId(grantId: string | undefined): string {
  return `expiry-${grantId ?? 'allowance'}`;
}
