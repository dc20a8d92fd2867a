/**
 * The requests of the library routes: the list's query and the action log's body. Apart from
 * the views and use cases: esbuild keeps a module-level valibot schema even where nothing
 * reads it, so only the handlers that take these carry them.
 */
import * as v from 'valibot';
import { pageQuerySchema } from '../../shared/http/page-query';
import { boundedString, plainObject } from '../../shared/validation';
import { imageActionTypes } from './action-log';

/** GET /v1/images: the page, and `favorites=true` for the favorites only (newest favorite first). */
export const listImagesQuerySchema = v.object({
  ...pageQuerySchema.entries,
  favorites: v.optional(
    v.pipe(
      boundedString(5),
      v.check((value) => value === 'true' || value === 'false', 'must be true or false'),
      v.transform((value) => value === 'true'),
    ),
    'false',
  ),
});
export type ListImagesQuery = v.InferOutput<typeof listImagesQuerySchema>;

/**
 * A channel is the client's label for a destination (`photos`, `com.apple.UIKit.activity.Message`,
 * `telegram`): letters, digits and `.` `_` `-` `:` only, so it can never carry a message or a
 * person's name into the log.
 */
const channel = v.pipe(boundedString(100), v.regex(/^[A-Za-z0-9._:-]+$/, 'must be letters, digits and . _ - : only'));

export const recordImageActionSchema = plainObject(
  v.strictObject({
    type: v.picklist(imageActionTypes, 'must be save or share'),
    channel: v.optional(channel),
  }),
);
export type RecordImageActionRequest = v.InferOutput<typeof recordImageActionSchema>;
