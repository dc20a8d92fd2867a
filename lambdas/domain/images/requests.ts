/**
 * The body of POST /v1/images/{id}/actions. Apart from the views and use cases, and from the
 * list's query (list-query.ts): esbuild keeps a module-level valibot schema even where nothing
 * reads it, so each handler carries only the schema it takes.
 */
import * as v from 'valibot';
import { boundedString, plainObject } from '../../shared/validation';
import { imageActionTypes } from './action-log';

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
