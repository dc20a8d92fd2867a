/** The profile use cases (GET and PATCH /v1/me, POST /v1/me/consents) against the in-memory profile store. */
import { newProfile } from '../../../lambdas/domain/profile/ensure-profile';
import { getMyProfile } from '../../../lambdas/domain/profile/get-my-profile';
import { recordMyConsents, type RecordMyConsentsDeps } from '../../../lambdas/domain/profile/record-my-consents';
import { updateMyProfile, type UpdateMyProfileDeps } from '../../../lambdas/domain/profile/update-my-profile';
import { AccountInactiveError, ConflictError } from '../../../lambdas/shared/errors';
import { MemoryProfileStore } from '../../fixtures/memory-profile-store';

const policy = '2026-11-01';

/** Ann's stored profile, which a test changes behind the use cases' back. */
function annIn(store: MemoryProfileStore) {
  const profile = store.profiles.get('ann');
  if (!profile) throw new Error('ann has no profile yet');
  return profile;
}

function given() {
  const store = new MemoryProfileStore();
  let tick = 0;
  const deps: UpdateMyProfileDeps & RecordMyConsentsDeps = {
    store,
    starterCredits: 20,
    privacyPolicyVersion: policy,
    now: () => new Date(Date.UTC(2026, 10, 22, 12, 0, tick++)),
  };
  return { store, deps };
}

describe('getMyProfile', () => {
  it('creates the profile with the starter grant on the first call', async () => {
    const { store, deps } = given();

    const view = await getMyProfile(deps, 'ann');

    expect(view).toMatchObject({ id: 'ann', status: 'ACTIVE', credits: { balance: 20 }, displayName: null });
    expect(store.ledger).toEqual([
      expect.objectContaining({ userId: 'ann', kind: 'STARTER_GRANT', amount: 20, balanceAfter: 20 }),
    ]);
  });

  it('reads an existing profile with one store call and grants nothing more', async () => {
    const { store, deps } = given();
    await getMyProfile(deps, 'ann');
    store.calls.length = 0;

    const view = await getMyProfile(deps, 'ann');

    expect(view.credits.balance).toBe(20);
    expect(store.calls).toEqual(['getProfile']);
    expect(store.ledger).toHaveLength(1);
  });

  it('answers with the winner when a concurrent first call created the profile first', async () => {
    const { store, deps } = given();
    store.beforeCreate = (profile) => {
      store.beforeCreate = undefined;
      const other = newProfile(profile.userId, '2026-11-22T11:59:59.000Z', 20);
      store.profiles.set(profile.userId, { ...other.profile, displayName: 'Winner' });
      store.ledger.push(other.grant);
    };

    const view = await getMyProfile(deps, 'ann');

    expect(view.displayName).toBe('Winner');
    expect(store.ledger).toHaveLength(1);
  });

  it.each(['DELETING', 'DISABLED'] as const)('refuses an account whose status is %s', async (status) => {
    const { store, deps } = given();
    await getMyProfile(deps, 'ann');
    annIn(store).status = status;

    await expect(getMyProfile(deps, 'ann')).rejects.toBeInstanceOf(AccountInactiveError);
  });

  it('asks for consent until the current policy version is accepted', async () => {
    const { deps } = given();

    const before = await getMyProfile(deps, 'ann');
    const after = await recordMyConsents(deps, 'ann', { privacyPolicyVersion: policy });

    expect(before.consents).toMatchObject({
      privacyPolicy: null,
      privacyPolicyConsentNeeded: true,
      currentPrivacyPolicyVersion: policy,
    });
    expect(after.consents).toMatchObject({ privacyPolicy: { version: policy }, privacyPolicyConsentNeeded: false });
  });
});

describe('updateMyProfile', () => {
  it('merges nested settings without touching the others', async () => {
    const { deps } = given();
    await getMyProfile(deps, 'ann');

    const view = await updateMyProfile(deps, 'ann', {
      displayName: 'Ann',
      settings: { theme: 'dark', notifications: { productNews: true } },
    });

    expect(view.displayName).toBe('Ann');
    expect(view.settings).toEqual({
      language: 'en',
      theme: 'dark',
      defaultAspectRatio: '1:1',
      notifications: { generationComplete: true, productNews: true },
    });
  });

  it('creates the profile first when the first call is a PATCH, granting the starter credits once', async () => {
    const { store, deps } = given();

    const view = await updateMyProfile(deps, 'bob', { displayName: 'Bob' });

    expect(view).toMatchObject({ id: 'bob', displayName: 'Bob', credits: { balance: 20 } });
    expect(store.ledger).toHaveLength(1);
  });

  it('clears the display name with null', async () => {
    const { deps } = given();
    await updateMyProfile(deps, 'ann', { displayName: 'Ann' });

    const view = await updateMyProfile(deps, 'ann', { displayName: null });

    expect(view.displayName).toBeNull();
  });

  it('refuses a deleting account and changes nothing', async () => {
    const { store, deps } = given();
    await getMyProfile(deps, 'ann');
    annIn(store).status = 'DELETING';

    await expect(updateMyProfile(deps, 'ann', { displayName: 'Mallory' })).rejects.toMatchObject({
      code: 'account_deleting',
    });
    expect(annIn(store).displayName).toBeUndefined();
  });
});

describe('recordMyConsents', () => {
  it('refuses a policy version other than the current one, writing nothing', async () => {
    const { store, deps } = given();

    await expect(recordMyConsents(deps, 'ann', { privacyPolicyVersion: '2020-01-01' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(store.calls).toEqual([]);
  });

  it('keeps the first age confirmation time and an event per consent', async () => {
    const { store, deps } = given();
    const first = await recordMyConsents(deps, 'ann', { ageConfirmed: true });

    const second = await recordMyConsents(deps, 'ann', { ageConfirmed: true, privacyPolicyVersion: policy });

    expect(second.consents.ageConfirmedAt).toBe(first.consents.ageConfirmedAt);
    expect(store.consents.map((c) => [c.ageConfirmed, c.privacyPolicyVersion])).toEqual([
      [true, undefined],
      [true, policy],
    ]);
  });

  it('refuses a disabled account', async () => {
    const { store, deps } = given();
    await getMyProfile(deps, 'ann');
    annIn(store).status = 'DISABLED';

    await expect(recordMyConsents(deps, 'ann', { ageConfirmed: true })).rejects.toMatchObject({
      code: 'account_disabled',
    });
    expect(store.consents).toHaveLength(0);
  });
});
