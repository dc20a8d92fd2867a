/**
 * How a profile is shown to the apps. Apart from the PATCH schema (profile.ts) so GET /v1/me
 * carries none of it.
 */
import { toPlanView, type PlanView } from '../billing/subscription';
import { toBalanceView, walletOf, type BalanceView } from '../credits/wallet';
import { withDefaults } from './default-settings';
import type { AccountStatus, PolicyConsent, Profile } from './profile';
import type { Settings } from './settings';

/** The profile as the apps see it. */
export interface ProfileView {
  id: string;
  displayName: string | null;
  status: AccountStatus;
  /** The balance split into the live Pro allowance and purchased credits (../credits/wallet.ts). */
  credits: BalanceView;
  /** The Pro entitlement as the store left it; null: never subscribed. */
  plan: PlanView | null;
  settings: Settings;
  consents: {
    privacyPolicy: PolicyConsent | null;
    ageConfirmedAt: string | null;
    /** The version the apps must show; when it differs from the accepted one, ask again. */
    currentPrivacyPolicyVersion: string;
    privacyPolicyConsentNeeded: boolean;
  };
  createdAt: string;
  updatedAt: string;
}

/** `now` (ISO) decides whether the allowance is still live: an ended one never counts. */
export function toProfileView(profile: Profile, currentPolicyVersion: string, now: string): ProfileView {
  return {
    id: profile.userId,
    displayName: profile.displayName ?? null,
    status: profile.status,
    credits: toBalanceView(walletOf(profile), now),
    plan: toPlanView(profile.subscription, now),
    settings: withDefaults(profile.settings),
    consents: {
      privacyPolicy: profile.privacyPolicy ?? null,
      ageConfirmedAt: profile.ageConfirmedAt ?? null,
      currentPrivacyPolicyVersion: currentPolicyVersion,
      privacyPolicyConsentNeeded: profile.privacyPolicy?.version !== currentPolicyVersion,
    },
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
  };
}
