/**
 * The 13+ confirmation and the current policy's acceptance, asked in chat with one inline button
 * each and recorded exactly as POST /v1/me/consents records them (the same use case).
 */
import { AccountInactiveError } from '../../shared/errors';
import type { ConsentRequest } from '../profile/consents';
import type { ProfileView } from '../profile/profile-view';
import type { BotContext } from './bot-context';
import type { UpdateOutcome } from './bot-deps';
import type { BotMessages } from './messages';
import type { ChatButton } from './ports';

/** The callback data of the consent buttons (≤ 64 bytes; the `consent` prefix routes them here). */
export const consentCallbacks = { age: 'consent:age', policy: 'consent:policy' } as const;

/**
 * Asks for what is still missing; 'asked' when it did (or told an inactive account), 'given' when
 * nothing was missing, so the caller goes on.
 */
export async function askMissingConsents(ctx: BotContext): Promise<'asked' | 'given'> {
  const profile = await ctx.activeProfile();
  if (!profile) return 'asked';
  const buttons = consentButtons(profile, ctx.m, ctx.deps.privacyPolicyVersion);
  if (buttons.length === 0) return 'given';
  await ctx.reply(ctx.m.consentAsk, buttons);
  return 'asked';
}

/** A consent button pressed: record it, then ask for what is still missing or say thanks. */
export async function onConsentButton(ctx: BotContext, data: string): Promise<UpdateOutcome> {
  const request = consentRequestOf(data);
  if (!request) return 'ignored';
  let profile: ProfileView;
  try {
    profile = await ctx.deps.recordConsents(ctx.identity.userId, request);
  } catch (error) {
    if (!(error instanceof AccountInactiveError)) throw error;
    await ctx.reply(ctx.m.accountInactive);
    return 'handled';
  }
  const buttons = consentButtons(profile, ctx.m, ctx.deps.privacyPolicyVersion);
  await ctx.reply(buttons.length === 0 ? ctx.m.consentDone : ctx.m.consentAsk, buttons);
  return 'handled';
}

function consentButtons(profile: ProfileView, m: BotMessages, version: string): ChatButton[][] {
  const buttons: ChatButton[][] = [];
  if (!profile.consents.ageConfirmedAt) buttons.push([{ text: m.consentAgeButton, data: consentCallbacks.age }]);
  if (profile.consents.privacyPolicyConsentNeeded) {
    buttons.push([{ text: m.consentPolicyButton(version), data: `${consentCallbacks.policy}:${version}` }]);
  }
  return buttons;
}

/**
 * The consent a button gives. The policy button names the version it showed: a button from
 * before a policy change records that (outdated) version, which the consents use case refuses,
 * exactly as it refuses an app that showed an old version.
 */
function consentRequestOf(data: string): ConsentRequest | undefined {
  if (data === consentCallbacks.age) return { ageConfirmed: true };
  const prefix = `${consentCallbacks.policy}:`;
  if (data.startsWith(prefix) && data.length > prefix.length)
    return { privacyPolicyVersion: data.slice(prefix.length) };
  return undefined;
}
