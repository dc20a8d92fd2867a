/**
 * What SendMessage and each SendMessageBatch entry may carry, checked as SQS checks it, so a
 * sender that works locally is not rejected by the real queue for an oversized or malformed
 * message.
 */
import type { MessageAttributeValue } from './md5';
import { sqsErrors } from './sqs-errors';

/** SQS's maximum message size (body plus attributes) since August 2025, and the queue default. */
export const maxMessageBytes = 1_048_576;
export const maxDelaySeconds = 900;
/** SQS's ceiling for a visibility timeout (12 hours). */
const maxVisibilityTimeoutSeconds = 43_200;
const maxAttributes = 10;

export interface NewMessage {
  body: string;
  delaySeconds: number;
  messageAttributes: Record<string, MessageAttributeValue>;
  /** MessageSystemAttributes.AWSTraceHeader, passed on to the worker's record attributes. */
  traceHeader?: string;
}

/** Characters SQS accepts in a body: #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ranges are SQS's own definition of a valid body.
const invalidBodyCharacter = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const attributeName = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;

function attributes(raw: unknown): Record<string, MessageAttributeValue> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object') throw sqsErrors.invalidParameterValue('MessageAttributes must be a map.');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > maxAttributes) {
    throw sqsErrors.invalidParameterValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${maxAttributes}].`,
    );
  }
  const result: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of entries) {
    if (!attributeName.test(name) || /^(aws|amazon)\./i.test(name)) {
      throw sqsErrors.invalidParameterValue(`Message attribute name '${name}' is invalid.`);
    }
    const { DataType, StringValue, BinaryValue } = (value ?? {}) as Record<string, unknown>;
    if (typeof DataType !== 'string' || !/^(String|Number|Binary)(\.[^\s]+)?$/.test(DataType)) {
      throw sqsErrors.invalidParameterValue(
        `The type of message attribute '${name}' is invalid: use String, Number or Binary.`,
      );
    }
    if (DataType.startsWith('Binary')) {
      if (typeof BinaryValue !== 'string' || BinaryValue === '') {
        throw sqsErrors.invalidParameterValue(
          `Message attribute '${name}' must contain a non-empty value of message attribute type '${DataType}'.`,
        );
      }
      result[name] = { DataType, BinaryValue: Buffer.from(BinaryValue, 'base64') };
    } else {
      if (typeof StringValue !== 'string' || StringValue === '') {
        throw sqsErrors.invalidParameterValue(
          `Message attribute '${name}' must contain a non-empty value of message attribute type '${DataType}'.`,
        );
      }
      if (DataType.startsWith('Number') && !Number.isFinite(Number(StringValue))) {
        throw sqsErrors.invalidParameterValue(`Can't cast the value of message attribute '${name}' to a number.`);
      }
      result[name] = { DataType, StringValue };
    }
  }
  return result;
}

function sizeOf(body: string, messageAttributes: Record<string, MessageAttributeValue>): number {
  let bytes = Buffer.byteLength(body);
  for (const [name, value] of Object.entries(messageAttributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    bytes += value.BinaryValue ? value.BinaryValue.length : Buffer.byteLength(value.StringValue ?? '');
  }
  return bytes;
}

function traceHeaderOf(raw: unknown): string | undefined {
  const trace = (raw as { AWSTraceHeader?: { StringValue?: unknown } } | undefined)?.AWSTraceHeader;
  return typeof trace?.StringValue === 'string' ? trace.StringValue : undefined;
}

/** Validates one SendMessage request (or batch entry) and returns the message to enqueue. */
export function parseNewMessage(input: Record<string, unknown>): NewMessage {
  const body = input.MessageBody;
  if (typeof body !== 'string' || body === '') throw sqsErrors.missingParameter('MessageBody');
  if (invalidBodyCharacter.test(body)) throw sqsErrors.invalidMessageContents();
  const delay = input.DelaySeconds ?? 0;
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > maxDelaySeconds) {
    throw sqsErrors.invalidParameterValue(
      `Value ${String(delay)} for parameter DelaySeconds is invalid. Reason: must be between 0 and ${maxDelaySeconds}.`,
    );
  }
  const messageAttributes = attributes(input.MessageAttributes);
  const size = sizeOf(body, messageAttributes);
  if (size > maxMessageBytes) {
    throw sqsErrors.invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maxMessageBytes} bytes.`,
    );
  }
  return { body, delaySeconds: delay, messageAttributes, traceHeader: traceHeaderOf(input.MessageSystemAttributes) };
}

/** The bytes a message counts against a batch's size limit. */
export const messageSize = (message: NewMessage) => sizeOf(message.body, message.messageAttributes);

/** ChangeMessageVisibility's VisibilityTimeout: whole seconds, 0 to SQS's 12-hour ceiling. */
export function parseVisibilityTimeout(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxVisibilityTimeoutSeconds) {
    throw sqsErrors.invalidParameterValue(
      `Value ${String(value)} for parameter VisibilityTimeout is invalid. ` +
        `Reason: must be between 0 and ${maxVisibilityTimeoutSeconds}.`,
    );
  }
  return value;
}
