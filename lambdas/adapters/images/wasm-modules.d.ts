/**
 * `.wasm` imports are bundled with esbuild's `file` loader (lib/constructs/lambda-defaults.ts):
 * the file is copied beside the bundle and the import's default export is its path relative to
 * the bundle (e.g. "./webp_dec-HASH.wasm"); resolve it against `import.meta.url`.
 */
declare module '*.wasm' {
  const relativePath: string;
  export default relativePath;
}
