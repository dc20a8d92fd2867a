/** `limit` and `cursor` query parameters of every list route, validated the same way. */
import * as z from 'zod/mini';
import { ValidationError } from '../errors';
import { validate } from '../validation';

const pageQuerySchema = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50))),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
});

/** A page of 20 small items stays within one read unit (PERFORMANCE P6). */
export const defaultPageSize = 20;

export function pageQuery(query: Readonly<Record<string, string | undefined>>): { limit: number; cursor?: string } {
  const result = validate(pageQuerySchema, { limit: query.limit, cursor: query.cursor });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ValidationError('invalid_request', `${issue.path.join('.')}: ${issue.message}`, issue.path.join('.'));
  }
  return { limit: result.data.limit ?? defaultPageSize, cursor: result.data.cursor };
}
