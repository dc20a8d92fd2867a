/**
 * Text fields people type (titles, prompts): normalized, trimmed, bounded, and free of the
 * control and format characters that hide content from moderation or break other clients.
 */
import * as z from 'zod/mini';

function typedText(maxLength: number, allowed: RegExp) {
  return z
    .string()
    .check(
      z.normalize('NFC'),
      z.trim(),
      z.minLength(1, 'must not be blank'),
      z.maxLength(maxLength, `must be at most ${maxLength} characters`),
      z.regex(allowed, 'must not contain control characters'),
    );
}

/** One line: no control characters at all. */
export const singleLineText = (maxLength: number) => typedText(maxLength, /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u);

/** Several lines: newlines and tabs allowed, other control characters not. */
export const multiLineText = (maxLength: number) => typedText(maxLength, /^(?:[\n\t]|[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}])+$/u);

/** Ids Pictor hands out (ULIDs and random base64url): checked before they reach a key. */
export const resourceId = z.string().check(z.regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be an id Pictor returned'));
