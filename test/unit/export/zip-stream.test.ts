/** The export's ZIP writer, read back by yauzl: entries written across "invocations" from a saved state. */
import { crc32 } from 'node:zlib';
import {
  afterEntry,
  centralDirectory,
  dataDescriptor,
  emptyZip,
  localHeader,
  type ZipState,
} from '../../../lambdas/domain/export/zip-stream';
import { unzip } from '../../support/unzip';

const at = new Date('2026-12-04T10:20:30Z');

function writeEntry(state: ZipState, name: string, bytes: Buffer): { state: ZipState; out: Buffer } {
  const crc = crc32(bytes);
  const out = Buffer.concat([localHeader(name, at), bytes, dataDescriptor(crc, bytes.length)]);
  return { state: afterEntry(state, name, crc, bytes.length), out };
}

describe('export ZIP writer', () => {
  it('writes an archive another reader opens, every entry whole and its CRC right', async () => {
    const files: Array<[string, Buffer]> = [
      ['README.txt', Buffer.from('what each file holds\n')],
      ['data.json', Buffer.from(JSON.stringify({ profile: { userId: 'u1' } }))],
      ['images/Gatos en el espacio 🐱 (c1)/g1-1.png', Buffer.alloc(70_000, 7)],
      ['empty.txt', Buffer.alloc(0)],
    ];
    let state = emptyZip;
    const parts: Buffer[] = [];
    for (const [name, bytes] of files) {
      // A state that went through JSON, as a checkpoint between invocations does.
      state = JSON.parse(JSON.stringify(state)) as ZipState;
      const written = writeEntry(state, name, bytes);
      state = written.state;
      parts.push(written.out);
    }
    const archive = Buffer.concat([...parts, centralDirectory(state, at)]);
    expect(state.offset).toBe(Buffer.concat(parts).length);

    const entries = await unzip(archive);
    expect(entries.map((entry) => entry.name)).toEqual(files.map(([name]) => name));
    entries.forEach((entry, index) => {
      expect(entry.bytes.equals(files[index][1])).toBe(true);
      expect(entry.crcMatches).toBe(true);
    });
  });

  it('declares the ZIP64 end records, so offsets past 4 GiB are readable the same way', () => {
    const { state } = writeEntry(emptyZip, 'a', Buffer.from('x'));
    const tail = Buffer.from(centralDirectory(state, at));
    const end = tail.subarray(tail.length - 22);
    expect(end.readUInt32LE(0)).toBe(0x06054b50);
    expect(end.readUInt32LE(16)).toBe(0xffffffff);
    const locator = tail.subarray(tail.length - 42, tail.length - 22);
    expect(locator.readUInt32LE(0)).toBe(0x07064b50);
  });

  it('refuses an entry its 32-bit descriptor cannot describe', () => {
    expect(() => dataDescriptor(0, 2 ** 32)).toThrow(RangeError);
  });
});
