/**
 * Link codes (issue 13, "Linking"): the one-time secret a signed-in app user gets from
 * `POST /v1/me/telegram-link` and the Telegram user hands back through the deep link or
 * `/link <code>`. Stored only hashed, like share tokens (../shares/share-token.ts), and for the
 * same reason a plain SHA-256 is enough: the input is random, not a guessable password.
 *
 * Entropy: 80 random bits. A code lives minutes and each Telegram user gets a few wrong tries per
 * window, so even a million Telegram accounts guessing for a whole lifetime succeed with a
 * probability near 5e6 / 2^80 (about 4e-18). Crockford base32, so a person can type it: 16
 * characters, no padding, case-insensitive, without the look-alikes I, L, O, U.
 */
import { randomBytes } from 'node:crypto';
import { hashShareToken } from '../shares/share-token';

const codeBytes = 10;
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codePattern = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** The prefix of a link code in a Telegram `/start` payload (`t.me/<bot>?start=link_<code>`). */
export const linkStartPrefix = 'link_';

/** A new code from the system's CSPRNG, or from `random` in tests. */
export function newLinkCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(codeBytes);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code;
}

/** The code as typed, made canonical: trimmed and upper-case (base32 is case-insensitive). */
export function normalizeLinkCode(typed: string): string {
  return typed.trim().toUpperCase();
}

/** Whether `value` (normalized) could be a code Pictor issued; anything else is refused without a read. */
export function isLinkCodeFormat(value: string): boolean {
  return codePattern.test(value);
}

/** The stored form of a code: the same hash share tokens use. */
export const hashLinkCode = (code: string): string => hashShareToken(code);

/** The deep link that opens the bot with the code as its start payload. */
export function linkDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${encodeURIComponent(botUsername)}?start=${linkStartPrefix}${code}`;
}
