/**
 * How a request part the route's contract refuses becomes a 400: a stable code, the field, and
 * a message that names the field and the rule, never the client's input. Issue messages are the
 * schemas' own or built from the rule alone (lambdas/shared/validation.ts); field names are
 * echoed only when they are plain identifiers, as every field Pictor declares is, because an
 * unknown key is input too (markup, or 10,000 characters).
 */
import { ValidationError } from '../errors';
import { isUnknownKey, type Issue } from '../validation';

/** Long enough for a field and a rule with a list of allowed values; a message never grows past it. */
export const maxMessageLength = 300;

const plainIdentifier = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The dotted path of an issue if every key in it is a plain identifier or an array index. */
function nameableField(issue: Issue): string | undefined {
  const keys = issue.path?.map((item) => item.key) ?? [];
  const nameable = keys.every(
    (key) => typeof key === 'number' || (typeof key === 'string' && plainIdentifier.test(key)),
  );
  return nameable && keys.length > 0 ? keys.join('.') : undefined;
}

/** Messages are built from our own words; the cap makes "bounded" true by construction, not by review. */
function bounded(message: string): string {
  return message.length <= maxMessageLength ? message : `${message.slice(0, maxMessageLength - 1)}…`;
}

export interface RefusalOptions {
  /** @default 'invalid_request' */
  code?: ValidationError['code'];
  /** Names the part itself (a header), in place of the issue's path. */
  field?: string;
}

/** An unknown field wins over any other issue: it says the client tried to set what it may not. */
export function refusalOf(issues: [Issue, ...Issue[]], options: RefusalOptions = {}): ValidationError {
  const unknown = issues.find(isUnknownKey);
  if (unknown) {
    const field = nameableField(unknown);
    return new ValidationError(
      'unknown_field',
      field ? bounded(`The field "${field}" cannot be set.`) : 'The request has a field that cannot be set.',
      field,
    );
  }
  const [first] = issues;
  const field = options.field ?? nameableField(first);
  return new ValidationError(
    options.code ?? 'invalid_request',
    bounded(field ? `${field}: ${first.message}` : first.message),
    field,
  );
}
