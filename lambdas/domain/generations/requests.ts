/**
 * What POST /v1/conversations/{id}/generations accepts: the body and the Idempotency-Key header.
 * Apart from the domain module: esbuild keeps a module-level valibot schema even where nothing
 * reads it, so beside the view code it would ride in every handler that shows one.
 */
import * as v from 'valibot';
import { boundedString, plainObject } from '../../shared/validation';
import { multiLineText, resourceId } from '../shared/text';
import { maxReferences, maxSeed } from './generation';
import { aspectRatios, models } from './models';

/** The body of POST /v1/conversations/{id}/generations. */
export const generationRequestSchema = plainObject(
  v.strictObject({
    prompt: multiLineText(2000),
    negativePrompt: v.optional(multiLineText(1000)),
    model: v.optional(v.picklist(models.map((model) => model.id))),
    aspectRatio: v.optional(v.picklist(aspectRatios)),
    seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(maxSeed))),
    referenceUploadIds: v.optional(
      v.pipe(v.array(resourceId), v.maxLength(maxReferences, `at most ${maxReferences} reference image`)),
    ),
    /** How far the image may depart from the reference: 0 keeps it, 1 ignores it. */
    strength: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  }),
);

export type GenerationRequest = v.InferOutput<typeof generationRequestSchema>;

/** The Idempotency-Key header: required, so a client retry can never pay twice. */
export const idempotencyKeySchema = v.pipe(
  boundedString(255),
  v.minLength(8, 'must be at least 8 characters (a UUID is ideal)'),
  v.regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
);
