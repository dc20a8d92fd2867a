/**
 * The one place for how every Pictor Lambda is built and run. The function construct applies
 * these; the bench builds its reference bundle with the same esbuild flags, so the ratios it
 * prints compare like with like. Numbers behind each choice: ../../docs/architecture.md and
 * PERFORMANCE.md ("Bundling settings that reach P1/P2").
 */

/**
 * esbuild options, in the shape NodejsFunction's `bundling` prop takes (it always builds for
 * platform node). The function construct spreads this whole object, so a new option reaches
 * every Lambda, the bench's reference and the local bundles alike.
 */
export const lambdaBundling = {
  format: 'esm',
  /** Module-first resolution: CommonJS-first builds are ~1.6x slower to import. */
  mainFields: ['module', 'main'],
  target: 'node22',
  minify: true,
  /**
   * Separate .map files, deployed beside the bundle, to decode a minified stack trace. Not
   * enabled at run time (no NODE_OPTIONS=--enable-source-maps): that costs 10-20% of the
   * cold import (measured by the bench).
   */
  sourceMap: true,
  sourcesContent: false,
  /**
   * Bundle the AWS SDK (the runtime's copy resolves slower and drifts from our pins), except
   * the credential providers Lambda never reaches: it hands credentials in environment
   * variables, which the default chain reads first, and the chain loads the others lazily.
   * Leaving them out takes the reference bundle from 342 KB to 210 KB and ~0.6x the import
   * time; the bench imports every bundle from a folder with no node_modules to prove nothing
   * reachable is missing. `@aws-sdk/token-providers` stays bundled: Bedrock's client imports
   * it eagerly (bearer-token auth), and bundles that don't use Bedrock never reach it.
   *
   * `@smithy/core/event-streams` (15 KB in every bundle) is reached only through a dynamic
   * import in the protocol layer, taken when an operation streams events (S3
   * SelectObjectContent, Bedrock's *WithResponseStream, …). Pictor calls none of them
   * (test/unit/shared/event-stream-operations.test.ts holds that); leaving it out is what keeps the
   * DynamoDB-only routes under P1's 260 KB.
   */
  externalModules: [
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-http',
    '@aws-sdk/credential-provider-login',
    '@aws-sdk/nested-clients',
    '@smithy/credential-provider-imds',
    '@smithy/core/event-streams',
  ],
  /**
   * WebP references are decoded by libwebp compiled to WebAssembly (lambdas/adapters/images/
   * webp-decoder.ts). `file` copies the .wasm beside the bundle (it ships in the same asset zip)
   * and makes the import its path relative to the bundle; the decoder reads it on the first
   * WebP. Embedding it instead (`binary`) put ~185 KB of base64 into CompleteUpload's .mjs, which
   * every cold start parsed and decoded although most uploads are PNG or JPEG, and took the bundle
   * over P1's 450 KB. Only bundles that import a .wasm file change.
   */
  loader: { '.wasm': 'file' },
  /** ESM bundles still meet the odd CommonJS `require`; give them one. */
  banner:
    "import{createRequire as __pictorCreateRequire}from'module';const require=__pictorCreateRequire(import.meta.url);",
} as const;

/**
 * The `define` for a deployed bundle that runs an image model: the stage's provider, fixed at
 * build time, so esbuild keeps only that provider's code
 * (lambdas/adapters/generation/image-model-provider.ts). Not part of `lambdaBundling`: the local
 * stack bundles with those flags and runs the local painter, and a stage may deploy either
 * provider. Without it (tests, `npm start`) both providers stay.
 */
export function imageProviderBundling(provider: 'bedrock' | 'local'): { define: Record<string, string> } {
  return { define: { 'process.env.PICTOR_BUNDLED_IMAGE_PROVIDER': JSON.stringify(provider) } };
}

export const lambdaRuntimeDefaults = {
  memorySizeMb: 512,
  timeoutSeconds: 10,
  /** Powertools reads these, on every function and in the local stack. */
  powertoolsEnv: {
    POWERTOOLS_SERVICE_NAME: 'pictor',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
  },
} as const;
