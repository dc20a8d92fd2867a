/** A resource id from the path; an id Pictor could not have issued is simply not found. */
import { isResourceId } from '../../domain/shared/id-formats';
import { NotFoundError } from '../errors';

/** @param what names the resource in the 404's message ("No such conversation."), never the id itself. */
export function pathId(value: string | undefined, what: string): string {
  if (!isResourceId(value)) throw new NotFoundError(`No such ${what}.`);
  return value;
}
