/**
 * Every Lambda validates with `valibot`, parsed through here. valibot is built from small
 * functions, so a bundle carries only the validators its schemas use: a few KB, where
 * `zod/mini` with its English locale added 25–30 KB to every handler (classic `zod`, with every
 * locale and its method-chaining API, about 430 KB), and PERFORMANCE P1 has no room for that.
 * Its default messages are English already, so there is no locale to configure. Schema modules
 * import `* as v from 'valibot'` themselves: re-exporting the namespace as a value would defeat
 * tree shaking. CDK-side code (stage config) keeps classic zod: it never ships in a bundle.
 */
import * as v from 'valibot';

/** Any schema whose output is `T`, whatever it accepts (some trim, normalize or coerce). */
export type Schema<T> = v.GenericSchema<unknown, T>;

export type Issue = v.GenericIssue;

export type ValidationResult<T> = { success: true; data: T } | { success: false; issues: [Issue, ...Issue[]] };

/** Every issue, not only the first: a strict object reports an unknown key after its fields' issues. */
export function validate<T>(schema: Schema<T>, value: unknown): ValidationResult<T> {
  const result = v.safeParse(schema, value);
  return result.success ? { success: true, data: result.output } : { success: false, issues: result.issues };
}

/** The dotted path of an issue (`settings.notifications.productNews`); '' at the root. */
export function fieldOf(issue: Issue): string {
  return issue.path?.map((item) => String(item.key)).join('.') ?? '';
}

/** A strict object's unknown key (its issue ends at the key; a missing key's expects the key instead). */
export function isUnknownKey(issue: Issue): boolean {
  return issue.type === 'strict_object' && issue.expected === 'never';
}

const isPlainObject = (input: unknown) => typeof input === 'object' && input !== null && !Array.isArray(input);

/**
 * valibot's object schemas take any non-null object, arrays included: `[]` reads as an object
 * with no fields and `[1, 2]` as one with the fields "0" and "1". A JSON array is never a valid
 * body, job or answer, so every object schema that can meet one is wrapped in this: an array
 * then fails as a wrong type at its own path (400 invalid_request), never as an empty object.
 * Marked free of side effects, as valibot's own functions are, so esbuild drops the schemas a
 * bundle never uses instead of keeping every one built with this.
 */
/* @__NO_SIDE_EFFECTS__ */ export function plainObject<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.pipe(
    v.custom<unknown>(isPlainObject, (issue) => `Invalid type: Expected Object but received ${issue.received}`),
    schema,
  );
}
