/**
 * Turns the project's NodejsFunction `bundling` options (lib/constructs/lambda-defaults.ts) into
 * esbuild build options, the way aws-cdk-lib's NodejsFunction turns them into esbuild CLI flags.
 * The bench builds its reference bundles, and `npm start` its local handler bundles, through
 * this, so they get exactly the flags the real Lambdas get. Any option this file does not know fails the bench loudly
 * instead of being silently dropped: a reference built with different flags would make every ratio meaningless.
 */
import type { BuildOptions } from 'esbuild';
import { lambdaBundling } from './lambda-defaults';

/** The subset of NodejsFunction's BundlingOptions that maps onto esbuild flags. */
interface NodejsBundlingLike {
  readonly format?: string;
  readonly mainFields?: readonly string[];
  readonly target?: string;
  readonly platform?: string;
  readonly minify?: boolean;
  readonly sourceMap?: boolean;
  readonly sourceMapMode?: string;
  readonly sourcesContent?: boolean;
  readonly externalModules?: readonly string[];
  readonly bundleAwsSDK?: boolean;
  readonly nodeModules?: readonly string[];
  readonly banner?: string;
  readonly footer?: string;
  readonly define?: Readonly<Record<string, string>>;
  readonly loader?: Readonly<Record<string, string>>;
  readonly keepNames?: boolean;
  readonly inject?: readonly string[];
  readonly metafile?: boolean;
  readonly logLevel?: string;
  readonly charset?: string;
}

/** Keys whose effect is mirrored below (or which do not change the emitted bundle). */
const KNOWN_KEYS = new Set<string>([
  'format',
  'mainFields',
  'target',
  'platform',
  'minify',
  'sourceMap',
  'sourceMapMode',
  'sourcesContent',
  'externalModules',
  'bundleAwsSDK',
  'nodeModules',
  'banner',
  'footer',
  'define',
  'loader',
  'keepNames',
  'inject',
  'metafile',
  'logLevel',
  'charset',
]);

export interface ReferenceBuildFlags {
  /** esbuild options, without entryPoints/outfile. */
  readonly options: BuildOptions;
  /** The file name NodejsFunction gives the bundle: index.mjs for ESM, index.js otherwise. */
  readonly outFileName: string;
}

export function esbuildFlagsFrom(bundling: NodejsBundlingLike = lambdaBundling): ReferenceBuildFlags {
  const unknown = Object.keys(bundling).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) {
    throw new Error(
      `lib/constructs/esbuild-options.ts does not know how NodejsFunction applies bundling option(s) ` +
        `${unknown.join(', ')} ` +
        `(from lambda-defaults.ts). Teach esbuildFlagsFrom() about them, otherwise the ` +
        `reference bundle would be built with different flags than the real Lambdas.`,
    );
  }
  if (bundling.platform !== undefined && bundling.platform !== 'node') {
    // NodejsFunction always passes --platform=node, whatever the options say.
    throw new Error(
      `lambdaBundling.platform is '${bundling.platform}', but NodejsFunction always builds with --platform=node`,
    );
  }
  if (bundling.target === undefined) {
    throw new Error(
      'lambdaBundling.target is unset: NodejsFunction would derive it from the runtime; the bench needs it explicit',
    );
  }

  // Same defaulting as NodejsFunction for Node 18+ runtimes: SDK v3 external unless told otherwise.
  const externals = [
    ...(bundling.externalModules ?? (bundling.bundleAwsSDK ? [] : ['@aws-sdk/*'])),
    ...(bundling.nodeModules ?? []),
  ];
  const sourcemapOn = bundling.sourceMapMode !== undefined || bundling.sourceMap === true;
  const sourcemapMode = bundling.sourceMapMode ?? 'default';
  const format = bundling.format as BuildOptions['format'];

  const options: BuildOptions = {
    bundle: true,
    platform: 'node',
    target: bundling.target,
    ...(format ? { format } : {}),
    ...(bundling.minify ? { minify: true } : {}),
    ...(sourcemapOn
      ? { sourcemap: sourcemapMode === 'default' ? true : (sourcemapMode as 'inline' | 'external' | 'both') }
      : {}),
    // NodejsFunction only passes --sources-content=false when the option is false (default true).
    ...(bundling.sourcesContent === false ? { sourcesContent: false } : {}),
    ...(externals.length ? { external: externals } : {}),
    ...(bundling.loader ? { loader: { ...bundling.loader } as BuildOptions['loader'] } : {}),
    ...(bundling.define ? { define: { ...bundling.define } } : {}),
    ...(bundling.keepNames ? { keepNames: true } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(bundling.footer ? { footer: { js: bundling.footer } } : {}),
    ...(bundling.mainFields ? { mainFields: [...bundling.mainFields] } : {}),
    ...(bundling.inject ? { inject: [...bundling.inject] } : {}),
    logLevel: 'warning',
  };
  return { options, outFileName: bundling.format === 'esm' ? 'index.mjs' : 'index.js' };
}
