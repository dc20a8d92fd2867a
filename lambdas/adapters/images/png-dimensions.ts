/**
 * Width and height of a PNG, read from its IHDR chunk, which the format requires first: the
 * 8-byte signature, then length (13), "IHDR", width and height as big-endian 32-bit integers.
 * The generation worker stores the size of every image it gets back (always PNG: the Stability
 * adapter and the local painter both check or produce one); this is all it needs of image-size,
 * which would add ~13 KB to its bundle.
 */
const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ihdr = [0x49, 0x48, 0x44, 0x52];

export function pngDimensions(png: Uint8Array): { width: number; height: number } {
  const matches = (expected: number[], at: number) => expected.every((byte, i) => png[at + i] === byte);
  if (png.length < 24 || !matches(signature, 0) || !matches(ihdr, 12)) {
    throw new TypeError('not a PNG: no IHDR chunk where the format puts it');
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
