/**
 * SECURITY B4 on the read side. Access tokens stay valid for up to 15 minutes after account
 * deletion starts (or staff disable an account), so a read of user data cannot trust the token
 * alone: it reads the account's status together with (or beside) the data and shows the data
 * only to an ACTIVE account. The refusal itself is `assertActive` (below), the same check the
 * profile routes and the guarded writes use, so every route refuses with the same codes. No
 * schemas here: every route that touches user data imports this module.
 */
import { AccountInactiveError } from '../../shared/errors';
import type { Profile } from './profile';
import type { AccountRefusal } from './ports';

/** The account as a read saw it: its status, or undefined when the person has no profile. */
export type AccountSeen = Pick<Profile, 'status'> | undefined;

/** Every route that reads or writes user data refuses an account that is not active. */
export function assertActive(profile: Pick<Profile, 'status'>): void {
  if (profile.status !== 'ACTIVE') throw new AccountInactiveError(profile.status);
}

/** One owned item read in the same request as its owner's profile. */
export interface OwnedRead<T> {
  account: AccountSeen;
  /** Undefined when there is no such item. */
  item: T | undefined;
}

/**
 * Refuses (AccountInactiveError) an account that is not ACTIVE; answers whether there is an
 * account at all. No profile means no data: every item a person owns is written under the
 * account guard, so the read answers "nothing" (404, or an empty list) rather than show it.
 */
export function mayReadOwnData(account: AccountSeen): boolean {
  if (account === undefined) return false;
  assertActive(account);
  return true;
}

/** The item, if its owner's account may read it; undefined for "no such item" (404). */
export function readableItem<T>(read: OwnedRead<T>): T | undefined {
  return mayReadOwnData(read.account) ? read.item : undefined;
}

/**
 * For a guarded write to an item that already exists (rename, delete, complete): refuses when
 * the account guard found the account not ACTIVE. Every other outcome is the caller's (a
 * missing profile there means the person owns no such item).
 */
export function refuseInactive(result: { outcome: string }): void {
  if (isInactive(result)) assertActive(result);
}

/** `inactive` is the account guard's outcome in every store (AccountRefusal). */
function isInactive(result: { outcome: string }): result is Extract<AccountRefusal, { outcome: 'inactive' }> {
  return result.outcome === 'inactive';
}
