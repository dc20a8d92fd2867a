/**
 * Static facts about one bundle file: raw and gzip -9 size, which AWS service clients it
 * carries, and (when the .map sits next to it) how its bytes split across packages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleStats {
  readonly rawBytes: number;
  readonly gzipBytes: number;
  /** AWS service clients the handler can talk to (credential-chain clients excluded), sorted. */
  readonly serviceClients: readonly string[];
  /** How the clients were detected; a mismatch between the two methods is reported here. */
  readonly clientDetection: string;
  /** Bytes of the bundle per package (from the source map); empty without a map. */
  readonly bytesByPackage: ReadonlyMap<string, number>;
  /** Project (non-node_modules) source files in the bundle, as written in the source map. */
  readonly projectSources: readonly string[];
  /**
   * Files shipped beside the bundle in the same asset (a .wasm from esbuild's `file` loader),
   * source maps excluded. They are in the deployment package, but the runtime parses only the
   * bundle at start; code reads them when it needs them.
   */
  readonly sideFiles: readonly { readonly name: string; readonly bytes: number }[];
}

/**
 * Service clients the SDK's default credential chain bundles in every client (SSO, SSO OIDC,
 * STS, Signin and Cognito Identity live in @aws-sdk/nested-clients). They are not clients the
 * handler calls, so they do not make a bundle "multi-client".
 */
const CREDENTIAL_CHAIN_SERVICE_IDS = new Set(['SSO', 'SSO OIDC', 'STS', 'Signin', 'Cognito Identity']);
const CREDENTIAL_CHAIN_PACKAGES = new Set(['client-sso', 'client-sso-oidc', 'client-sts', 'client-cognito-identity']);

/**
 * Every SDK v3 client's runtime config defaults its service id:
 *   serviceId: config?.serviceId ?? "DynamoDB"
 * Minification renames `config` but keeps the property name and the string, so this survives
 * esbuild --minify (checked on the real bundles). Unminified output has spaces; allow them.
 */
const SERVICE_ID_DEFAULT = /serviceId\s*\?\?\s*"([^"]+)"/g;

/** `@aws-sdk/client-dynamodb/…` in a source-map path; nested-clients deliberately does not match. */
const CLIENT_PACKAGE_IN_PATH = /node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//;

/**
 * Pictor's own SigV4-signed request modules, which talk to a service without its SDK client (so
 * neither detection above sees them), by the service they talk to. Presigners are not here: they
 * compute URLs and forms locally and send nothing.
 */
const SIGNED_REQUEST_MODULES: ReadonlyArray<readonly [source: string, serviceId: string]> = [
  ['lambdas/adapters/s3/signed-bucket.ts', 'S3'],
  ['lambdas/adapters/bedrock/signed-guardrail.ts', 'Bedrock Runtime'],
  ['lambdas/adapters/bedrock/signed-invoke-model.ts', 'Bedrock Runtime'],
  ['lambdas/adapters/sns/safety-alerts.ts', 'SNS'],
  ['lambdas/adapters/cognito/user-directory.ts', 'Cognito Identity Provider'],
];

export function bundleStats(bundleFile: string): BundleStats {
  return { ...codeStats(bundleFile), sideFiles: sideFilesOf(bundleFile) };
}

function sideFilesOf(bundleFile: string): BundleStats['sideFiles'] {
  const dir = dirname(bundleFile);
  return readdirSync(dir)
    .filter((name) => name !== basename(bundleFile) && !name.endsWith('.map'))
    .map((name) => ({ name, bytes: statSync(join(dir, name)).size }));
}

function codeStats(bundleFile: string): BundleStats {
  const code = readFileSync(bundleFile);
  const text = code.toString('utf8');
  const fromText = new Set<string>();
  for (const m of text.matchAll(SERVICE_ID_DEFAULT)) {
    const id = m[1]!;
    if (!CREDENTIAL_CHAIN_SERVICE_IDS.has(id)) fromText.add(id);
  }

  const mapFile = `${bundleFile}.map`;
  let bytesByPackage = new Map<string, number>();
  let projectSources: string[] = [];
  let clientDetection = 'serviceId defaults in the code (no source map)';
  if (existsSync(mapFile)) {
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapV3;
    bytesByPackage = bytesPerPackage(text, map);
    projectSources = map.sources.filter((s) => !s.includes('node_modules/'));
    const fromMap = new Set<string>();
    for (const s of map.sources) {
      const m = CLIENT_PACKAGE_IN_PATH.exec(s);
      if (m && !CREDENTIAL_CHAIN_PACKAGES.has(m[1]!)) fromMap.add(m[1]!);
    }
    clientDetection =
      fromMap.size === fromText.size
        ? 'serviceId defaults in the code, agrees with the source map'
        : `MISMATCH: code says [${[...fromText].join(', ')}], source map says [${[...fromMap].join(', ')}]; using ` +
          `the larger`;
    // A service reached with signed requests counts as one more client, unless its SDK client is there too.
    for (const [source, serviceId] of SIGNED_REQUEST_MODULES) {
      if (map.sources.some((s) => s.endsWith(source)) && !fromText.has(serviceId)) {
        fromText.add(`${serviceId} (signed)`);
        fromMap.add(`${serviceId} (signed)`);
      }
    }
    if (fromMap.size > fromText.size) {
      return finish(code, [...fromMap], clientDetection, bytesByPackage, projectSources);
    }
  }
  return finish(code, [...fromText], clientDetection, bytesByPackage, projectSources);
}

function finish(
  code: Buffer,
  clients: string[],
  clientDetection: string,
  bytesByPackage: Map<string, number>,
  projectSources: string[],
): BundleStats {
  return {
    sideFiles: [],
    rawBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    serviceClients: clients.sort(),
    clientDetection,
    bytesByPackage,
    projectSources,
  };
}

interface SourceMapV3 {
  readonly version: number;
  readonly sources: readonly string[];
  readonly mappings: string;
}

/** Package a source-map path belongs to: `@scope/name` or `name` after the last node_modules. */
export function packageOf(source: string): string {
  const i = source.lastIndexOf('node_modules/');
  if (i < 0) return '(project code)';
  const parts = source.slice(i + 'node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/**
 * Attributes every generated byte to the source the mapping at that position points to (a
 * segment covers the columns up to the next segment or the end of the line). Bytes no
 * segment covers (the banner, esbuild's runtime helpers) go to "(unmapped)". Columns in
 * source maps count UTF-16 units; the bundles are near-ASCII, so the error is negligible.
 */
function bytesPerPackage(code: string, map: SourceMapV3): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (key: string, n: number) => n > 0 && totals.set(key, (totals.get(key) ?? 0) + n);
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  let sourceIndex = 0; // relative across the whole mappings string, unlike the column
  for (let li = 0; li < lines.length; li++) {
    const lineLength = lines[li]!.length + (li < lines.length - 1 ? 1 : 0);
    let column = 0;
    let owner = '(unmapped)';
    for (const segment of (mappingLines[li] ?? '').split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      const start = column + fields[0]!;
      add(owner, start - column);
      column = start;
      if (fields.length >= 4) {
        sourceIndex += fields[1]!;
        owner = packageOf(map.sources[sourceIndex]!);
      } else {
        owner = '(unmapped)';
      }
    }
    add(owner, lineLength - column);
  }
  return totals;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i] as const));

/** Decodes one source-map segment (base64 VLQ, sign in the lowest bit) into its fields. */
function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64_VALUE.get(ch);
    if (digit === undefined) throw new Error(`bad VLQ digit '${ch}' in source map`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -Math.floor(value / 2) : Math.floor(value / 2));
      value = 0;
      shift = 0;
    }
  }
  return out;
}
