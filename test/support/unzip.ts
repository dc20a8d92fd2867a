/** Reads a whole ZIP with yauzl (a reader other than our writer), for the export tests. */
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';

export interface UnzippedEntry {
  name: string;
  bytes: Buffer;
  /** The CRC the central directory declares, and whether the bytes match it. */
  crcMatches: boolean;
}

export function unzip(archive: Buffer): Promise<UnzippedEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(archive, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries: UnzippedEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            const bytes = Buffer.concat(chunks);
            entries.push({ name: entry.fileName, bytes, crcMatches: crc32(bytes) === entry.crc32 });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
