/** Step 8 of account deletion: the receipt, and the tombstone in the profile's place. */
import * as v from 'valibot';
import { writeReceipt } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { deletionStore, now, subjectHasher, userIdInput } from './deps';

/**
 * An RFC 3339 UTC time with seconds (fraction optional), the date checked for real days and leap
 * years: the pattern zod's iso.datetime() used. valibot's isoTimestamp() would also take offsets.
 */
const leapDay = String.raw`(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29`;
const longMonthDay = String.raw`(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])`;
const shortMonthDay = String.raw`(?:0[469]|11)-(?:0[1-9]|[12]\d|30)`;
const februaryDay = String.raw`02-(?:0[1-9]|1\d|2[0-8])`;
const otherDay = String.raw`\d{4}-(?:${longMonthDay}|${shortMonthDay}|${februaryDay})`;
const utcDateTime = new RegExp(String.raw`^(?:${leapDay}|${otherDay})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$`);

/** `startedAt` is the execution's start time, which the state machine passes from its context object. */
const input = v.object({ ...userIdInput.entries, startedAt: v.pipe(v.string(), v.regex(utcDateTime)) });

export const handler = workflowStep('WriteReceipt', input, (request) =>
  writeReceipt({ store: deletionStore(), hasher: subjectHasher(), now }, request),
);
