/**
 * Text fields people type (titles, prompts): normalized, trimmed, bounded, and free of the
 * control and format characters that hide content from moderation or break other clients.
 */
import * as v from 'valibot';

/** Project factories are marked free of side effects, as valibot's are, so unused schemas leave the bundle. */
/* @__NO_SIDE_EFFECTS__ */ function typedText(maxLength: number, allowed: RegExp) {
  // Normalized and trimmed first, so the limits and the pattern judge the text as it is stored.
  return v.pipe(
    v.string(),
    v.normalize('NFC'),
    v.trim(),
    v.minLength(1, 'must not be blank'),
    v.maxLength(maxLength, `must be at most ${maxLength} characters`),
    v.regex(allowed, 'must not contain control characters'),
  );
}

/** One line: no control characters at all. */
/* @__NO_SIDE_EFFECTS__ */ export const singleLineText = (maxLength: number) =>
  typedText(maxLength, /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u);

/** Several lines: newlines and tabs allowed, other control characters not. */
/* @__NO_SIDE_EFFECTS__ */ export const multiLineText = (maxLength: number) =>
  typedText(maxLength, /^(?:[\n\t]|[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}])+$/u);

/** Ids Pictor hands out (ULIDs and random base64url): checked before they reach a key. */
export const resourceId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be an id Pictor returned'));
