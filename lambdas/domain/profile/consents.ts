/**
 * Consents a person gives in the app: acceptance of a privacy-policy version and confirmation
 * of being 13 or older. Each is recorded with its time on the profile and as an event kept
 * as evidence (docs/data-model.md).
 */
import * as v from 'valibot';
import { boundedString, plainObject } from '../../shared/validation';

export const consentRequestSchema = v.pipe(
  plainObject(
    v.partial(
      v.strictObject({
        privacyPolicyVersion: v.pipe(boundedString(64), v.minLength(1, 'must not be empty')),
        /** Only `true` means anything: someone under 13 may not use the apps at all. */
        ageConfirmed: v.literal(true),
      }),
    ),
  ),
  v.check((consent) => Object.keys(consent).length > 0, 'must give privacyPolicyVersion, ageConfirmed or both'),
);

export type ConsentRequest = v.InferOutput<typeof consentRequestSchema>;

export interface ConsentEvent {
  eventId: string;
  userId: string;
  privacyPolicyVersion?: string;
  ageConfirmed?: true;
  recordedAt: string;
}
