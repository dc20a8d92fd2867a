/**
 * Opaque page cursors. A cursor carries only the sort keys of the last item; the partition is
 * always rebuilt from the caller's token, so a forged cursor can never reach another person's
 * items, and one that does not fit the listed range is refused with a 400.
 */
import { ValidationError } from '../../shared/errors';

type Key = Record<string, string>;

export function encodeCursor(
  lastKey: Record<string, unknown> | undefined,
  fields: readonly string[],
): string | undefined {
  if (!lastKey) return undefined;
  return Buffer.from(JSON.stringify(fields.map((field) => lastKey[field]))).toString('base64url');
}

/**
 * The ExclusiveStartKey for a cursor: `fixed` holds the partition keys (from the caller), and
 * each sort field must start with its prefix.
 */
export function decodeCursor(
  cursor: string | undefined,
  fixed: Key,
  sortFields: Readonly<Record<string, string>>,
): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationError('invalid_request', 'The cursor is not one this list returned.', 'cursor');
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const names = Object.keys(sortFields);
  if (!Array.isArray(values) || values.length !== names.length) throw invalid();
  const key: Key = { ...fixed };
  names.forEach((name, index) => {
    const value = values[index];
    if (typeof value !== 'string' || !value.startsWith(sortFields[name]) || value.length > 256) throw invalid();
    key[name] = value;
  });
  return key;
}
