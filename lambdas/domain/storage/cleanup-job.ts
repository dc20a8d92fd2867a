/**
 * The cleanup queue's message: objects nothing points at any more, as whole prefixes (a deleted
 * conversation) and/or single keys (a deleted image). One declaration for both sides: the use
 * cases send it (CleanupQueue, ./ports.ts) and the cleanup worker parses it
 * (lambdas/workers/cleanup-worker.ts). Only the worker imports the schema; senders import the
 * type alone, which costs their bundles nothing.
 */
import * as v from 'valibot';
import { plainObject } from '../../shared/validation';
import { userIdCharacters } from '../shared/id-formats';

/** Only prefixes and keys Pictor writes (./object-keys.ts): never the whole bucket. */
const ownedKey = v.pipe(v.string(), v.regex(new RegExp(`^(users|uploads)/${userIdCharacters}/.+`)), v.maxLength(1024));

/** Both lists optional: without plainObject a JSON array would pass as an empty job. */
export const cleanupJobSchema = plainObject(
  v.object({
    prefixes: v.optional(v.pipe(v.array(v.pipe(ownedKey, v.regex(/\/$/))), v.maxLength(100))),
    keys: v.optional(v.pipe(v.array(ownedKey), v.maxLength(1000))),
  }),
);

export type CleanupJob = v.InferOutput<typeof cleanupJobSchema>;
