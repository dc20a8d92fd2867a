/**
 * App settings a person keeps across devices. Every field has a default, so a profile created
 * before a setting existed still reads as complete (defaults are merged on read).
 */
import * as v from 'valibot';
import { plainObject } from '../../shared/validation';
import { aspectRatios } from '../generations/models';

const notificationShape = {
  /** Tell me when a generation finishes. */
  generationComplete: v.boolean(),
  /** News about features and offers; off unless the person opts in. */
  productNews: v.boolean(),
};

const settingsShape = {
  /** BCP 47 language tag for app text and bot replies. */
  language: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "pt-BR"')),
  theme: v.picklist(['system', 'light', 'dark']),
  defaultAspectRatio: v.picklist(aspectRatios),
  notifications: v.strictObject(notificationShape),
};

const settingsSchema = v.strictObject(settingsShape);

export type Settings = v.InferOutput<typeof settingsSchema>;

export const defaultSettings: Settings = {
  language: 'en',
  theme: 'system',
  defaultAspectRatio: '1:1',
  notifications: { generationComplete: true, productNews: false },
};

/** A patch that names nothing is a client bug worth reporting, not a silent no-op. */
const nonEmpty = <T extends object>() => v.check((value: T) => Object.keys(value).length > 0, 'must name at least one setting');

/** What PATCH accepts: any subset, nested one level for notifications. */
export const settingsPatchSchema = v.pipe(
  plainObject(v.partial(v.strictObject({ ...settingsShape, notifications: v.pipe(plainObject(v.partial(v.strictObject(notificationShape))), nonEmpty()) }))),
  nonEmpty(),
);

/** Stored settings over the defaults, so older profiles read complete. */
export function withDefaults(stored: Partial<Settings> | undefined): Settings {
  return {
    ...defaultSettings,
    ...stored,
    notifications: { ...defaultSettings.notifications, ...stored?.notifications },
  };
}
