/** `limit` and `cursor` query parameters of every list route, validated the same way. */
import * as v from 'valibot';
import { ValidationError } from '../errors';
import { fieldOf, validate } from '../validation';

const pageQuerySchema = v.object({
  // Query values are strings: `limit` is read as a number (Number(), as zod's coerce did) before its checks.
  limit: v.optional(v.pipe(v.unknown(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(50))),
  cursor: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(1024))),
});

/** A page of 20 small items stays within one read unit (PERFORMANCE P6). */
export const defaultPageSize = 20;

export function pageQuery(query: Readonly<Record<string, string | undefined>>): { limit: number; cursor?: string } {
  const result = validate(pageQuerySchema, { limit: query.limit, cursor: query.cursor });
  if (!result.success) {
    const issue = result.issues[0];
    throw new ValidationError('invalid_request', `${fieldOf(issue)}: ${issue.message}`, fieldOf(issue));
  }
  return { limit: result.data.limit ?? defaultPageSize, cursor: result.data.cursor };
}
