/**
 * The body PATCH /v1/me accepts, with the settings' own schemas, only UpdateMe bundles this.
 * Apart from the domain module: esbuild keeps a module-level valibot schema even where nothing
 * reads it, so beside the view code it would ride in every handler that shows one.
 */
import * as v from 'valibot';
import { boundedString, plainObject } from '../../shared/validation';
import { aspectRatios } from '../generations/models';
import { singleLineText } from '../shared/text';

const notificationShape = {
  /** Tell me when a generation finishes. */
  generationComplete: v.boolean(),
  /** News about features and offers; off unless the person opts in. */
  productNews: v.boolean(),
};

const settingsShape = {
  /**
   * BCP 47 language tag for app text and bot replies; RFC 5646 asks implementations to take tags of up to 35
   * characters.
   */
  language: v.pipe(
    boundedString(35),
    v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "pt-BR"'),
  ),
  theme: v.picklist(['system', 'light', 'dark']),
  defaultAspectRatio: v.picklist(aspectRatios),
  notifications: v.strictObject(notificationShape),
};

/** The whole settings object; ./settings.ts derives its type from this. */
export const settingsSchema = v.strictObject(settingsShape);

/** A patch that names nothing is a client bug worth reporting, not a silent no-op. */
/* @__NO_SIDE_EFFECTS__ */ const nonEmpty = <T extends object>() =>
  v.check((value: T) => Object.keys(value).length > 0, 'must name at least one setting');

/** What PATCH accepts: any subset, nested one level for notifications. */
export const settingsPatchSchema = v.pipe(
  plainObject(
    v.partial(
      v.strictObject({
        ...settingsShape,
        notifications: v.pipe(plainObject(v.partial(v.strictObject(notificationShape))), nonEmpty()),
      }),
    ),
  ),
  nonEmpty(),
);

/** Printable text, no control characters, normalized and trimmed; null clears the name. */
const displayName = singleLineText(50);

/**
 * What a person may change with PATCH /v1/me. Strict: any other field (credits, status, role,
 * userId, createdAt, …) is refused, so server-owned state cannot be mass-assigned.
 */
export const profilePatchSchema = v.pipe(
  plainObject(v.partial(v.strictObject({ displayName: v.nullable(displayName), settings: settingsPatchSchema }))),
  v.check((patch) => Object.keys(patch).length > 0, 'must name at least one field to change'),
);

export type ProfilePatch = v.InferOutput<typeof profilePatchSchema>;
