/** Step 8 of account deletion: the receipt, and the tombstone in the profile's place. */
import * as z from 'zod/mini';
import { writeReceipt } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { deletionStore, now, subjectHasher, userIdInput } from './deps';

/** `startedAt` is the execution's start time, which the state machine passes from its context object. */
const input = z.extend(userIdInput, { startedAt: z.iso.datetime() });

export const handler = workflowStep('WriteReceipt', input, (request) => writeReceipt({ store: deletionStore(), hasher: subjectHasher(), now }, request));
