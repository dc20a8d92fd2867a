/**
 * The RevenueCat webhook's check: the whole Authorization header, compared in constant time with
 * the value held in Secrets Manager (read once per container; CONTRACTS-2 §1.1: RevenueCat sends
 * the dashboard's value verbatim, no HMAC). Both sides are hashed first, so the comparison's time
 * depends neither on where they differ nor on the length of the guess.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthenticatedError } from '../../shared/errors';
import { secretString } from './secret-string';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Throws UnauthenticatedError unless `presented` is exactly the secret; a stage without a secret refuses all. */
export async function verifyWebhookAuthorization(secretId: string | undefined, presented: string | undefined) {
  // Before any table access, and without telling a missing header from a wrong one.
  if (!secretId || presented === undefined) throw refused();
  const expected = await secretString(secretId);
  if (!timingSafeEqual(digest(presented), digest(expected))) throw refused();
}

function refused() {
  return new UnauthenticatedError('The webhook authorization is missing or wrong.');
}
