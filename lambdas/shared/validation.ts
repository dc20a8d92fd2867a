/**
 * Every Lambda validates with `zod/mini`, parsed through here so English messages are on. The
 * classic `zod` entry keeps every locale and its method-chaining API in the bundle (about
 * 430 KB minified, most of a profile handler, measured by `npm run bench`); mini with one
 * locale is a few tens of KB for the same schemas. Schema modules import `* as z from
 * 'zod/mini'` themselves: re-exporting the namespace as a value would defeat tree shaking.
 * CDK-side code (stage config) may use classic zod: it never ships in a bundle.
 */
import { config, type core, type ZodMiniType } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export type ValidationResult<T> = { success: true; data: T } | { success: false; error: core.$ZodError };

export function validate<T>(schema: ZodMiniType<T>, value: unknown): ValidationResult<T> {
  return schema.safeParse(value) as ValidationResult<T>;
}
