/// <reference lib="es2024.string" />
/**
 * Every Lambda validates with `valibot`, parsed through here. valibot is built from small
 * functions, so a bundle carries only the validators its schemas use: a few KB, where
 * `zod/mini` with its English locale added 25–30 KB to every handler (classic `zod`, with every
 * locale and its method-chaining API, about 430 KB), and PERFORMANCE P1 has no room for that.
 * Schema modules import `* as v from 'valibot'` themselves: re-exporting the namespace as a value
 * would defeat tree shaking. CDK-side code (stage config) keeps classic zod: it never ships in a
 * bundle. (The lib reference above types `String.prototype.isWellFormed`, which Node 22 has and
 * the project's ES2023 lib does not declare.)
 */
import * as v from 'valibot';

/** Any schema whose output is `T`, whatever it accepts (some trim, normalize or coerce). */
export type Schema<T> = v.GenericSchema<unknown, T>;

export type Issue = v.GenericIssue;

export type ValidationResult<T> = { success: true; data: T } | { success: false; issues: [Issue, ...Issue[]] };

/**
 * Every issue, not only the first: a strict object reports an unknown key after its fields' issues.
 * Messages come from `ruleMessage` unless a schema gives its own (ours, never the input).
 */
export function validate<T>(schema: Schema<T>, value: unknown): ValidationResult<T> {
  const result = v.safeParse(schema, value, { message: ruleMessage });
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

const typeNames: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  strict_object: 'an object',
  loose_object: 'an object',
  array: 'an array',
  null: 'null',
};

/**
 * The message of an issue whose schema gave none: the rule that was broken, built from the
 * schema alone (its kind, type, `expected` and `requirement`). valibot's own message ends in
 * "but received <the input>", which hands a client's value (10,000 characters, markup) straight
 * back in the error body, and into any log line that records the issue; nothing here reads
 * `input` except to tell a string's length from an array's, or a missing value from a wrong one.
 */
function ruleMessage(issue: Issue): string {
  const { requirement } = issue;
  const bound = typeof requirement === 'number' ? requirement : undefined;
  const units = Array.isArray(issue.input) ? 'items' : 'characters';
  switch (issue.type) {
    case 'picklist':
      return `must be one of: ${issue.expected
        ?.replace(/^\(|\)$/g, '')
        .replace(/"/g, '')
        .replace(/ \| /g, ', ')}`;
    case 'literal':
      return `must be ${issue.expected}`;
    case 'min_length':
      return `must be at least ${bound} ${units}`;
    case 'max_length':
      return `must be at most ${bound} ${units}`;
    case 'min_value':
      return `must be at least ${requirement}`;
    case 'max_value':
      return `must be at most ${requirement}`;
    case 'integer':
    case 'to_number':
      return 'must be a whole number';
    case 'regex':
      return 'is not in the expected format';
  }
  if (issue.kind === 'schema') {
    if (issue.input === undefined) return 'is required';
    if (isUnknownKey(issue)) return 'is not a field this request takes';
    const name = typeNames[issue.type];
    if (name) return `must be ${name}`;
  }
  return 'is not valid';
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
  return v.pipe(v.custom<unknown>(isPlainObject, 'must be an object'), schema);
}

/**
 * Refuses ill-formed UTF-16: a lone surrogate such as "x\ud800y", which JSON.parse lets through
 * and every strict JSON or UTF-8 reader downstream chokes on (it cannot be encoded).
 */
/* @__NO_SIDE_EFFECTS__ */ export function wellFormed() {
  return v.check((text: string) => text.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)');
}

/**
 * A well-formed string with a maximum. Every string a request carries is built from this (or
 * from the text fields of lambdas/domain/shared/text.ts, which apply the same two rules), so no
 * field is left unbounded or open to half a character; add a pattern after it for what the
 * field means.
 */
/* @__NO_SIDE_EFFECTS__ */ export function boundedString(maxLength: number) {
  return v.pipe(v.string(), wellFormed(), v.maxLength(maxLength, `must be at most ${maxLength} characters`));
}
