/**
 * How a profile is shown to the apps. Apart from the PATCH schema (profile.ts) so GET /v1/me
 * carries none of it.
 */
import { withDefaults } from './default-settings';
import type { AccountStatus, PolicyConsent, Profile } from './profile';
import type { Settings } from './settings';

/** The profile as the apps see it. */
export interface ProfileView {
  id: string;
  displayName: string | null;
  status: AccountStatus;
  credits: { balance: number };
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

export function toProfileView(profile: Profile, currentPolicyVersion: string): ProfileView {
  return {
    id: profile.userId,
    displayName: profile.displayName ?? null,
    status: profile.status,
    credits: { balance: profile.credits },
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
