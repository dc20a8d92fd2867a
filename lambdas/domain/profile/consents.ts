/**
 * Consents a person gives in the app: acceptance of a privacy-policy version and confirmation
 * of being 13 or older. Each is recorded with its time on the profile and as an event kept
 * as evidence (docs/data-model.md).
 */
import * as z from 'zod/mini';

export const consentRequestSchema = z
  .partial(
    z.strictObject({
      privacyPolicyVersion: z.string().check(z.minLength(1), z.maxLength(64)),
      /** Only `true` means anything: someone under 13 may not use the apps at all. */
      ageConfirmed: z.literal(true),
    }),
  )
  .check(z.refine((consent) => Object.keys(consent).length > 0, 'must give privacyPolicyVersion, ageConfirmed or both'));

export type ConsentRequest = z.infer<typeof consentRequestSchema>;

export interface ConsentEvent {
  eventId: string;
  userId: string;
  privacyPolicyVersion?: string;
  ageConfirmed?: true;
  recordedAt: string;
}
