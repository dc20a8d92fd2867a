/**
 * The body of POST /v1/images/{imageId}/share-links; apart from the domain code (a module-level
 * schema stays in every bundle that imports its module).
 */
import * as v from 'valibot';
import { plainObject } from '../../shared/validation';
import { shareLinkExpiry } from './share-link';

export const createShareLinkSchema = plainObject(
  v.strictObject({
    /** Seconds from now until the link stops answering; absent: until revoked. */
    expiresInSeconds: v.optional(
      v.pipe(
        v.number(),
        v.integer('must be a whole number of seconds'),
        v.minValue(shareLinkExpiry.minSeconds, `must be at least ${shareLinkExpiry.minSeconds}`),
        v.maxValue(shareLinkExpiry.maxSeconds, `must be at most ${shareLinkExpiry.maxSeconds} (a year)`),
      ),
    ),
  }),
);
export type CreateShareLinkRequest = v.InferOutput<typeof createShareLinkSchema>;
