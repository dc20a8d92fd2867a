/**
 * The SubjectHasher port: HMAC-SHA256 of the user id under a secret key, hex. Without the key a
 * retained record cannot be tied back to a person by hashing guessed ids; support, holding the
 * key through its tooling, can still find the receipt of a given id.
 */
import { createHmac } from 'node:crypto';
import type { SubjectHasher } from '../../domain/account-deletion/ports';
import { retentionConfig } from '../../shared/config';
import { secretString } from './secret-string';

export function hmacSubjectHasher(
  key: () => Promise<string> = () => secretString(retentionConfig().USER_ID_HASH_KEY_SECRET_ID),
): SubjectHasher {
  return {
    async hash(userId) {
      return createHmac('sha256', await key())
        .update(userId, 'utf8')
        .digest('hex');
    },
  };
}
