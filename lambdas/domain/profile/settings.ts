/**
 * App settings a person keeps across devices. Every field has a default, so a profile created
 * before a setting existed still reads as complete (defaults are merged on read).
 */
import type * as v from 'valibot';
import type { settingsSchema } from './requests';

/** The type only: the schemas live in ./requests.ts (see there why). */
export type Settings = v.InferOutput<typeof settingsSchema>;

export const defaultSettings: Settings = {
  language: 'en',
  theme: 'system',
  defaultAspectRatio: '1:1',
  notifications: { generationComplete: true, productNews: false },
};

/** Stored settings over the defaults, so older profiles read complete. */
export function withDefaults(stored: Partial<Settings> | undefined): Settings {
  return {
    ...defaultSettings,
    ...stored,
    notifications: { ...defaultSettings.notifications, ...stored?.notifications },
  };
}
