/**
 * App settings a person keeps across devices: their shape and what PATCH accepts. Every field
 * has a default (default-settings.ts), so a profile created before a setting existed still reads
 * as complete (defaults are merged on read).
 */
import type * as v from 'valibot';
import type { settingsSchema } from './requests';

/** The type only: the schemas live in ./requests.ts (see there why). */
export type Settings = v.InferOutput<typeof settingsSchema>;
