/**
 * The export queue's message: which export to carry on with (its state is in the checkpoint).
 * Senders import the type (./data-export.ts); only the worker imports this schema.
 */
import * as v from 'valibot';
import { plainObject } from '../../shared/validation';
import { userIdCharacters } from '../shared/id-formats';

export const exportJobSchema = plainObject(
  v.object({
    userId: v.pipe(v.string(), v.regex(new RegExp(`^${userIdCharacters}$`))),
    exportId: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
  }),
);
