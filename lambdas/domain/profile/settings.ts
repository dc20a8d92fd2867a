/**
 * App settings a person keeps across devices. Every field has a default, so a profile created
 * before a setting existed still reads as complete (defaults are merged on read).
 */
import { z } from 'zod';

/** Aspect ratios every image model in the registry can produce. */
export const aspectRatios = ['1:1', '16:9', '9:16', '4:5', '5:4', '3:2', '2:3', '21:9', '9:21'] as const;

const notificationSettings = z.strictObject({
  /** Tell me when a generation finishes. */
  generationComplete: z.boolean(),
  /** News about features and offers; off unless the person opts in. */
  productNews: z.boolean(),
});

export const settingsSchema = z.strictObject({
  /** BCP 47 language tag for app text and bot replies. */
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a language tag such as "en" or "pt-BR"'),
  theme: z.enum(['system', 'light', 'dark']),
  defaultAspectRatio: z.enum(aspectRatios),
  notifications: notificationSettings,
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  language: 'en',
  theme: 'system',
  defaultAspectRatio: '1:1',
  notifications: { generationComplete: true, productNews: false },
};

/** What PATCH accepts: any subset, nested one level for notifications. */
export const settingsPatchSchema = settingsSchema
  .extend({ notifications: notificationSettings.partial().refine((n) => Object.keys(n).length > 0, 'name at least one setting') })
  .partial()
  .refine((s) => Object.keys(s).length > 0, 'name at least one setting');

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Stored settings over the defaults, so older profiles read complete. */
export function withDefaults(stored: Partial<Settings> | undefined): Settings {
  return {
    ...defaultSettings,
    ...stored,
    notifications: { ...defaultSettings.notifications, ...stored?.notifications },
  };
}
