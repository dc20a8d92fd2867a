/**
 * The profile area's ports: what its use cases need from storage, and the account guard's
 * refusal every store's guarded write answers. The DynamoDB adapters implement them; unit tests
 * use in-memory ones (test/fixtures/). Each method is one database request. Types only.
 */
import type { ConsentEvent } from './consents';
import type { AccountStatus, LedgerEntry, Profile, ProfilePatch } from './profile';

export type ProfileUpdateOutcome =
  | { outcome: 'updated'; profile: Profile }
  | { outcome: 'missing' }
  | { outcome: 'inactive'; profile: Profile };

/** What creating a profile on a person's first call needs (ensure-profile.ts). */
export interface ProfileCreationStore {
  getProfile(userId: string): Promise<Profile | undefined>;
  /** Creates the profile with its starter grant; false when a profile already exists (nothing written). */
  createProfile(profile: Profile, grant: LedgerEntry): Promise<boolean>;
}

export interface ProfileStore extends ProfileCreationStore {
  /** Applies the patch only to an active profile. */
  updateProfile(userId: string, patch: ProfilePatch, now: string): Promise<ProfileUpdateOutcome>;
  /** Records the consent on an active profile and keeps the event (a transaction: both or neither). */
  recordConsent(
    event: ConsentEvent,
  ): Promise<{ outcome: 'recorded' } | Exclude<ProfileUpdateOutcome, { outcome: 'updated' }>>;
}

/** Why a write guarded by the account check (profile exists and ACTIVE) was refused. */
export type AccountRefusal = { outcome: 'profile_missing' } | { outcome: 'inactive'; status: AccountStatus };
