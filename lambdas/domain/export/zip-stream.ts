/**
 * The bytes of a store-only ZIP64 archive, produced entry by entry from a state small enough to
 * checkpoint (docs/export.md, "Why a ZIP writer of our own"). Export jobs run over several Lambda
 * invocations and must resume after a crash without starting over: yazl, client-zip and archiver
 * keep their position inside a live stream, which does not survive the process. Here the whole
 * position is `ZipState` (the offset and what the central directory needs of each entry so far),
 * which the job saves with each uploaded part.
 *
 * Entries are stored, not deflated: images are already compressed, and data.json is small next to
 * them. Each entry's CRC and size follow its bytes in a data descriptor (flag bit 3), so an object
 * is streamed once, never buffered to learn its CRC first. Every archive is written as ZIP64 (the
 * central directory's offsets in ZIP64 extra fields, ZIP64 end records), so the same path serves a
 * 100 KB export and a 10 GB one and is the path the tests exercise.
 */

/** What the central directory needs of one written entry. */
export interface ZipEntry {
  readonly name: string;
  readonly crc: number;
  readonly size: number;
  /** Where its local header starts. */
  readonly offset: number;
}

/** The writer's whole position: JSON-serializable, saved with each checkpoint. */
export interface ZipState {
  /** Bytes written so far. */
  readonly offset: number;
  readonly entries: readonly ZipEntry[];
}

export const emptyZip: ZipState = { offset: 0, entries: [] };

/** One entry's own bytes may not reach 4 GiB: its descriptor holds 32-bit sizes. */
export const maxEntrySize = 0xffff_ffff - 1;

const versionNeeded = 45; // ZIP64
/** Bit 3: CRC and sizes in a data descriptor; bit 11: names are UTF-8. */
const flags = 0x0808;
const zip64Marker = 0xffff_ffff;

/** DOS date and time (local fields; we write UTC) of `at`, as the headers hold them. */
export function dosDateTime(at: Date): { date: number; time: number } {
  const year = Math.max(at.getUTCFullYear(), 1980);
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
  };
}

/** The local header that opens an entry; its CRC and sizes come later, in the descriptor. */
export function localHeader(name: string, modified: Date): Uint8Array {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  const { date, time } = dosDateTime(modified);
  header.writeUInt32LE(0x0403_4b50, 0);
  header.writeUInt16LE(versionNeeded, 4);
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  // CRC, sizes and extra length stay 0: the descriptor carries them.
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes]);
}

/** The data descriptor that closes an entry (stored, so both sizes are the same). */
export function dataDescriptor(crc: number, size: number): Uint8Array {
  if (size > maxEntrySize) throw new RangeError(`A ZIP entry of ${size} bytes is too large`);
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x0807_4b50, 0);
  descriptor.writeUInt32LE(crc >>> 0, 4);
  descriptor.writeUInt32LE(size, 8);
  descriptor.writeUInt32LE(size, 12);
  return descriptor;
}

/** The state after one whole entry (header, `size` bytes, descriptor) was written at `state.offset`. */
export function afterEntry(state: ZipState, name: string, crc: number, size: number): ZipState {
  const written = 30 + Buffer.byteLength(name, 'utf8') + size + 16;
  return { offset: state.offset + written, entries: [...state.entries, { name, crc, size, offset: state.offset }] };
}

/** The central directory and the ZIP64 and classic end records that finish the archive. */
export function centralDirectory(state: ZipState, modified: Date): Uint8Array {
  const { date, time } = dosDateTime(modified);
  const records = state.entries.map((entry) => {
    const name = Buffer.from(entry.name, 'utf8');
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x0201_4b50, 0);
    record.writeUInt16LE((3 << 8) | versionNeeded, 4); // made by Unix, so permissions below are read
    record.writeUInt16LE(versionNeeded, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(0, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(entry.crc >>> 0, 16);
    record.writeUInt32LE(entry.size, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt16LE(12, 30); // the ZIP64 extra field below
    record.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    record.writeUInt32LE(zip64Marker, 42); // the offset is in the extra field
    const extra = Buffer.alloc(12);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(entry.offset), 4);
    return Buffer.concat([record, name, extra]);
  });
  const directory = Buffer.concat(records);
  const directoryOffset = BigInt(state.offset);
  const count = BigInt(state.entries.length);

  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x0606_4b50, 0);
  zip64End.writeBigUInt64LE(44n, 4); // the record's size after this field
  zip64End.writeUInt16LE((3 << 8) | versionNeeded, 12);
  zip64End.writeUInt16LE(versionNeeded, 14);
  zip64End.writeBigUInt64LE(count, 24);
  zip64End.writeBigUInt64LE(count, 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(directoryOffset, 48);

  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x0706_4b50, 0);
  locator.writeBigUInt64LE(directoryOffset + BigInt(directory.length), 8);
  locator.writeUInt32LE(1, 16); // one disk

  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x0605_4b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(zip64Marker, 12);
  end.writeUInt32LE(zip64Marker, 16);
  return Buffer.concat([directory, zip64End, locator, end]);
}
