/**
 * What an id looks like, decided once. No valibot schema at module level: the caller check and
 * every route's path ids import this, and esbuild keeps a module-level schema in every bundle
 * that imports anything from its module (the schemas are factories, or live in ./text.ts).
 */
import * as v from 'valibot';

/**
 * The longest user id. Ids are Cognito subs today (36-character UUIDs); the Telegram bot
 * (issue 13) adds `tg_<digits>`. 64 keeps `delete-<id>` within the 80 characters of a Step
 * Functions execution name (../account-deletion/deletion.ts names each account's execution so).
 */
export const maxUserIdLength = 64;

/**
 * A user id's characters and length, as a pattern fragment (object-key patterns embed it): no
 * `#`, so an id cannot break out of a table key, and no `/`, so it is one object-key segment.
 */
export const userIdCharacters = `[A-Za-z0-9_-]{1,${maxUserIdLength}}`;

const userIdPattern = new RegExp(`^${userIdCharacters}$`);

/** The one check of a user id: the caller's `sub`, a worker's job, the deletion workflow's input. */
export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && userIdPattern.test(value);
}

/** A user id in a job or a workflow input. A factory, so it leaves the bundles that never call it. */
/* @__NO_SIDE_EFFECTS__ */ export function userIdSchema() {
  return v.pipe(
    v.string(),
    v.check((value: string) => isUserId(value), 'must be a Pictor user id'),
  );
}

/** The longest id Pictor hands out (ULIDs are 26 characters, random ids 22). */
export const maxResourceIdLength = 64;

/** Ids Pictor hands out (ULIDs and random base64url). */
export function isResourceId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{10,64}$/.test(value);
}
