/**
 * The settings a new profile starts with, and the merge that makes an older profile read
 * complete. Apart from the settings schemas (settings.ts) so creating a profile carries none.
 */
import type { Settings } from './settings';

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
