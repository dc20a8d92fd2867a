/**
 * The `limit` and `cursor` query parameters of every list route, declared as the route's query
 * (`userRoute({ query: pageQuerySchema }, …)`), so each list validates them the same way.
 * Query values arrive as strings; other parameters are ignored (a cache-buster breaks nothing).
 */
import * as v from 'valibot';
import { boundedString } from '../validation';

/** A page of 20 small items stays within one read unit (PERFORMANCE P6). */
export const defaultPageSize = 20;

export const pageQuerySchema = v.object({
  limit: v.optional(
    v.pipe(
      boundedString(8),
      v.regex(/^[0-9]+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(50, 'must be at most 50'),
    ),
    String(defaultPageSize),
  ),
  /** Opaque: the list's repository decodes it and refuses one it did not return (adapters/dynamodb/cursor.ts). */
  cursor: v.optional(v.pipe(boundedString(1024), v.minLength(1, 'must not be empty'))),
});

export type PageQuery = v.InferOutput<typeof pageQuerySchema>;
