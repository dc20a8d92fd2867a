/**
 * App settings a person keeps across devices: their shape and what PATCH accepts. Every field
 * has a default (default-settings.ts), so a profile created before a setting existed still reads
 * as complete (defaults are merged on read).
 */
import * as z from 'zod/mini';

import { aspectRatios } from '../generations/models';

const notificationShape = {
  /** Tell me when a generation finishes. */
  generationComplete: z.boolean(),
  /** News about features and offers; off unless the person opts in. */
  productNews: z.boolean(),
};

const settingsShape = {
  /** BCP 47 language tag for app text and bot replies. */
  language: z.string().check(z.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "pt-BR"')),
  theme: z.enum(['system', 'light', 'dark']),
  defaultAspectRatio: z.enum(aspectRatios),
  notifications: z.strictObject(notificationShape),
};

const settingsSchema = z.strictObject(settingsShape);

export type Settings = z.infer<typeof settingsSchema>;

/** A patch that names nothing is a client bug worth reporting, not a silent no-op. */
const nonEmpty = z.refine((value: unknown) => Object.keys(value as object).length > 0, 'must name at least one setting');

/** What PATCH accepts: any subset, nested one level for notifications. */
export const settingsPatchSchema = z
  .partial(z.strictObject({ ...settingsShape, notifications: z.partial(z.strictObject(notificationShape)).check(nonEmpty) }))
  .check(nonEmpty);
