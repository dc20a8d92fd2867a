/**
 * `.wasm` imports are bundled with esbuild's `binary` loader (lib/constructs/lambda-defaults.ts):
 * the import's default export is the file's bytes, embedded in the single-file Lambda bundle.
 */
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
