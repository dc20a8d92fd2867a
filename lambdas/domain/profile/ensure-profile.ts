/**
 * A person's profile is created on their first call, whichever route it is: the profile routes,
 * the credits page, or a first write (a conversation, an upload, a generation). This is that
 * creation, with the starter grant, and the guard every such write runs under. Apart from the
 * profile use cases so those routes carry neither the profile schemas nor the PATCH and consent
 * writes.
 */
import type { Clock } from '../shared/clock';
import { assertActive } from './account-status';
import { defaultSettings } from './default-settings';
import type { AccountRefusal, ProfileCreationStore } from './ports';
import type { LedgerEntry, Profile } from './profile';

export interface EnsureProfileDeps {
  store: ProfileCreationStore;
  starterCredits: number;
  now: Clock;
}

/** A new profile and its starter grant, both dated `now` (ISO). */

export function newProfile(
  userId: string,
  now: string,
  starterCredits: number,
): { profile: Profile; grant: LedgerEntry } {
  const profile: Profile = {
    userId,
    status: 'ACTIVE',
    credits: starterCredits,
    settings: defaultSettings,
    createdAt: now,
    updatedAt: now,
  };
  const grant: LedgerEntry = {
    entryId: 'starter',
    userId,
    kind: 'STARTER_GRANT',
    amount: starterCredits,
    balanceAfter: starterCredits,
    createdAt: now,
  };
  return { profile, grant };
}

/**
 * The profile, created with its starter grant if this is the person's first call. Other use
 * cases call it when a transaction found no profile to charge or attach to.
 */
export async function ensureProfile(deps: EnsureProfileDeps, userId: string): Promise<Profile> {
  const existing = await deps.store.getProfile(userId);
  if (existing) return existing;
  const { profile, grant } = newProfile(userId, deps.now().toISOString(), deps.starterCredits);
  if (await deps.store.createProfile(profile, grant)) return profile;
  const winner = await deps.store.getProfile(userId);
  if (!winner) throw new Error('profile creation conflicted but no profile exists');
  return winner;
}

/**
 * Runs a write guarded by the account check (a condition on the profile in the same
 * transaction). A person's first write creates the profile, then runs once more; an inactive
 * account is refused. Other outcomes are the caller's.
 */
export async function asActiveAccount<T extends { outcome: string }>(
  deps: EnsureProfileDeps,
  userId: string,
  write: () => Promise<T | AccountRefusal>,
): Promise<Exclude<T, AccountRefusal>> {
  let result = await write();
  if (result.outcome === 'profile_missing') {
    assertActive(await ensureProfile(deps, userId));
    result = await write();
  }
  if (isRefusal(result)) {
    if (result.outcome === 'inactive') assertActive(result);
    throw new Error('profile still missing after it was created');
  }
  return result as Exclude<T, AccountRefusal>;
}

function isRefusal(result: { outcome: string }): result is AccountRefusal {
  return result.outcome === 'profile_missing' || result.outcome === 'inactive';
}
