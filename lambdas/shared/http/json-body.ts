/**
 * Reads a JSON request body against a schema. Every way a body can be wrong ends in a
 * domain error with a stable code (413, 415, 400 malformed_json / unknown_field /
 * invalid_request), checked in that order so nothing is parsed that is too large.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { validate, type Schema } from '../validation';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { refusalOf } from './refusal';

/** Profile-sized bodies; routes that take more say so. */
export const defaultMaxBodyBytes = 16 * 1024;

/** @param emptyAs what an absent body means, for routes whose every field is optional. */
export function parseJsonBody<T>(
  event: APIGatewayProxyEventV2,
  schema: Schema<T>,
  maxBytes = defaultMaxBodyBytes,
  emptyAs?: unknown,
): T {
  const contentType = event.headers?.['content-type'];
  if (contentType !== undefined && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeError();
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (bytes.byteLength === 0) {
    if (emptyAs === undefined) throw new ValidationError('missing_body', 'A JSON request body is required.');
    return parseValue(schema, emptyAs);
  }

  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new MalformedJsonError();
  }
  return parseValue(schema, value);
}

function parseValue<T>(schema: Schema<T>, value: unknown): T {
  const result = validate(schema, value);
  if (!result.success) throw refusalOf(result.issues);
  return result.data;
}
