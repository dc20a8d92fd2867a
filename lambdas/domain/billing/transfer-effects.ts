/**
 * TRANSFER (docs/subscriptions.md, "Event → effect"): the one event that changes two people at
 * once, so it is decided apart from the per-person rules in ./event-effects.ts. Pure, like them.
 */
import { expiryEntryId, liveAllowance } from '../credits/wallet';
import type { LedgerEntry } from '../profile/profile';
import { allowanceOf, isoFromMs, type Decision, type EffectContext } from './event-effects';
import type { AccountChange, BillingAccount } from './ports';
import type { StoreEvent } from './store-event';
import type { SubscriptionState } from './subscription';

/**
 * TRANSFER: the entitlement moves from `from` to `to` in one write, and so does what is left of
 * the current period's allowance (it was granted once, and stays granted once across both). If
 * `to` holds a live allowance of its own, the moved one expires instead of replacing it.
 */
export function decideTransfer(
  event: StoreEvent,
  from: BillingAccount | undefined,
  to: BillingAccount | undefined,
  context: EffectContext,
): Decision {
  const effects: string[] = [];
  if (!from?.subscription || !to)
    return { effects: ['transfer between unknown people: no effect'], accounts: [], grants: [] };
  if (event.event_timestamp_ms < from.subscription.eventAt) {
    return { effects: ['older than the entitlement state: no effect'], accounts: [], grants: [] };
  }
  const moved: SubscriptionState = { ...from.subscription, eventAt: event.event_timestamp_ms };
  const left = liveAllowance(from.wallet, context.now);
  const fromChange: AccountChange = {
    seen: from,
    subscription: {
      ...from.subscription,
      status: 'expired',
      accessUntil: isoFromMs(event.event_timestamp_ms),
      willRenew: false,
      eventAt: event.event_timestamp_ms,
    },
    purchasedDelta: 0,
    ledger: [],
  };
  const toChange: AccountChange = { seen: to, subscription: moved, purchasedDelta: 0, ledger: [] };
  const entry = (userId: string, kind: LedgerEntry['kind'], entryId: string, amount: number): LedgerEntry => ({
    entryId,
    userId,
    kind,
    amount,
    fromAllowance: amount,
    createdAt: context.now,
  });
  if (left > 0) {
    fromChange.allowance = { ...allowanceOf(from.wallet), amount: 0, expiresAt: context.now };
    if (liveAllowance(to.wallet, context.now) === 0) {
      fromChange.ledger.push(entry(from.userId, 'TRANSFER_OUT', `transfer-${event.id}`, -left));
      toChange.allowance = allowanceOf(from.wallet);
      toChange.ledger.push(entry(to.userId, 'TRANSFER_IN', `transfer-${event.id}`, left));
      effects.push(`allowance ${left} moved`);
    } else {
      fromChange.ledger.push(entry(from.userId, 'EXPIRY', expiryEntryId(from.wallet.allowanceGrantId), -left));
      effects.push(`allowance -${left} expired (the receiver holds its own)`);
    }
  }
  effects.push('entitlement moved');
  return { effects, accounts: [fromChange, toChange], grants: [] };
}
