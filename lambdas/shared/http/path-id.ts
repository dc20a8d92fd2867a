/** A resource id from the path; an id Pictor could not have issued is simply not found. */
import { resourceId } from '../../domain/shared/text';
import { NotFoundError } from '../errors';
import { validate } from '../validation';

export function pathId(value: string | undefined, what: string): string {
  const result = validate(resourceId, value);
  if (!result.success) throw new NotFoundError(`No such ${what}.`);
  return result.data;
}
