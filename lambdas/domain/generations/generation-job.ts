/**
 * The generation queue's message: which generation to run, and whose. One declaration for both
 * sides: the API and the outbox sweeper send it (GenerationQueue, ./ports.ts) and the worker
 * parses it (lambdas/workers/generation-worker.ts), so the two cannot drift apart. Only the
 * worker imports the schema; senders import the type alone, which costs their bundles nothing.
 */
import * as v from 'valibot';
import { plainObject } from '../../shared/validation';
import { userIdSchema } from '../shared/id-formats';
import { resourceId } from '../shared/text';

export const generationJobSchema = plainObject(v.object({ userId: userIdSchema(), generationId: resourceId }));

export type GenerationJob = v.InferOutput<typeof generationJobSchema>;
