/**
 * Share tokens: the whole authentication of the public share routes, so they are long random
 * secrets, shown once at creation (like an API key) and stored only as their SHA-256. A table
 * read, a backup or a log line holding the hash does not open the share: the hash cannot be
 * turned back into the token, and the routes only accept the token. A plain hash, not a keyed
 * or slow one, because the input is 256 random bits, not a guessable password.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: 256 bits, twice the 128 the design asks for. */
const tokenBytes = 32;

/** A token as issued: 43 base64url characters (32 bytes, no padding). */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A new share token from the system's CSPRNG. */
export function newShareToken(): string {
  return randomBytes(tokenBytes).toString('base64url');
}

/** Whether `value` could be a token Pictor issued; anything else is not found without a read. */
export function isShareTokenFormat(value: unknown): value is string {
  return typeof value === 'string' && tokenPattern.test(value);
}

/** The stored form of a token: lowercase hex SHA-256 (64 characters). */
export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
