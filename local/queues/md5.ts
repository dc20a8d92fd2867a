/**
 * The two digests SQS returns with every message: MD5OfMessageBody (the SDK recomputes it and
 * rejects a mismatch) and MD5OfMessageAttributes, whose byte layout AWS documents under
 * "Calculating the MD5 message digest for message attributes".
 */
import { createHash } from 'node:crypto';

export interface MessageAttributeValue {
  /** `String`, `Number` or `Binary`, optionally with a custom suffix (`Number.float`). */
  DataType: string;
  StringValue?: string;
  /** Raw bytes (base64 on the wire). */
  BinaryValue?: Buffer;
}

export const md5Hex = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

/** A 4-byte big-endian length followed by the bytes. */
function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Sorted by name; each: name, data type, transport type (1 string/number, 2 binary), value. */
export function md5OfMessageAttributes(attributes: Record<string, MessageAttributeValue>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const { DataType, StringValue, BinaryValue } = attributes[name];
    const binary = DataType.startsWith('Binary');
    parts.push(lengthPrefixed(Buffer.from(name, 'utf8')), lengthPrefixed(Buffer.from(DataType, 'utf8')));
    parts.push(Buffer.from([binary ? 2 : 1]));
    parts.push(lengthPrefixed(binary ? (BinaryValue ?? Buffer.alloc(0)) : Buffer.from(StringValue ?? '', 'utf8')));
  }
  return md5Hex(Buffer.concat(parts));
}
