/**
 * The one place for how every Pictor Lambda is built and run. The function construct applies
 * these; the bench builds its reference bundle with the same esbuild flags, so the ratios it
 * prints compare like with like. Numbers behind each choice: ../../docs/architecture.md and
 * PERFORMANCE.md ("Bundling settings that reach P1/P2").
 */

/** esbuild options, in the shape NodejsFunction's `bundling` prop takes. */
export const lambdaBundling = {
  format: 'esm',
  /** Module-first resolution: CommonJS-first builds are ~1.6x slower to import. */
  mainFields: ['module', 'main'],
  target: 'node22',
  platform: 'node',
  minify: true,
  /** Separate .map files: readable stack traces without shipping source inside the bundle. */
  sourceMap: true,
  sourcesContent: false,
  /** Bundle the AWS SDK too: the runtime's copy resolves slower and drifts from our pins. */
  externalModules: [] as string[],
  /** ESM bundles still meet the odd CommonJS `require`; give them one. */
  banner: "import{createRequire as __pictorCreateRequire}from'module';const require=__pictorCreateRequire(import.meta.url);",
} as const;

export const lambdaRuntimeDefaults = {
  memorySizeMb: 512,
  timeoutSeconds: 10,
  /** Powertools reads these; service name is per function. */
  powertoolsEnv: {
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
  },
} as const;
