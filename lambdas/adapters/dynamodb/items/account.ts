/** The account item and what is written beside it: consent events and ledger entries. */
import type { AccountSeen } from '../../../domain/profile/account-status';
import type { ConsentEvent } from '../../../domain/profile/consents';
import type { AccountStatus, LedgerEntry, Profile } from '../../../domain/profile/profile';
import * as keys from '../keys';
import { type Item, withoutBookkeeping } from './bookkeeping';
import { profileType, consentEventType, ledgerEntryType } from './entity-types';

export const profile = {
  to: (profile: Profile): Item => ({ ...keys.profile(profile.userId), entityType: profileType, ...profile }),
  /** Picks the domain fields, so table keys and bookkeeping attributes (deletion dates, outbox) never leak upward. */
  from: (item: Item): Profile => {
    const { userId, displayName, status, credits, settings, privacyPolicy, ageConfirmedAt, createdAt, updatedAt } =
      item as unknown as Profile;
    const { allowance, allowanceExpiresAt, allowanceGrantId, subscription } = item as unknown as Profile;
    return {
      userId,
      displayName,
      status,
      credits,
      ...(allowance === undefined ? {} : { allowance, allowanceExpiresAt, allowanceGrantId }),
      ...(subscription === undefined ? {} : { subscription }),
      settings,
      privacyPolicy,
      ageConfirmedAt,
      createdAt,
      updatedAt,
    };
  },
};

/** The account as a guarded read sees it: its status, or undefined when there is no profile. */
export const accountSeen = {
  from: (profile: Item | undefined): AccountSeen => (profile ? { status: profile.status as AccountStatus } : undefined),
};

export const consentEvent = {
  to: (event: ConsentEvent): Item => ({
    ...keys.consentEvent(event.userId, event.recordedAt, event.eventId),
    entityType: consentEventType,
    ...event,
  }),
};

export const ledgerEntry = {
  to: (entry: LedgerEntry): Item => ({
    ...keys.ledgerEntry(entry.userId, entry.createdAt, entry.entryId),
    entityType: ledgerEntryType,
    ...entry,
  }),
  from: (item: Item): LedgerEntry => withoutBookkeeping(item) as unknown as LedgerEntry,
};
