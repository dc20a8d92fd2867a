/**
 * The real Lambda bundles, as `cdk synth` makes them (bench/synth.ts): walks a cloud assembly
 * the way the CDK CLI does (manifest.json → stack templates → asset manifests) to find each
 * AWS::Lambda::Function's bundled asset directory, and maps it back to its route in
 * lib/routes/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ArtifactType, Manifest } from 'aws-cdk-lib/cloud-assembly-schema';
import type {
  AssetManifest,
  AwsCloudFormationStackProperties,
  NestedCloudAssemblyProperties,
} from 'aws-cdk-lib/cloud-assembly-schema';
import { routes, type RouteDefinition } from '../lib/routes';

export interface SynthesizedFunction {
  /** Route id from lib/routes/, or undefined for a project Lambda that is not an HTTP route. */
  readonly routeId: string | undefined;
  readonly route: RouteDefinition | undefined;
  /** Short label: the route id, else the construct path without the trailing /Resource. */
  readonly label: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** `aws:cdk:path` metadata, e.g. PictorApi-dev/Api/Health/Function/Resource. */
  readonly constructPath: string;
  /** Absolute path of the bundled asset directory inside the scratch assembly. */
  readonly assetDir: string;
  /** The bundle file the Lambda runtime loads (index.mjs for ESM builds), relative to assetDir. */
  readonly bundleFileName: string;
  /** Export the runtime calls, from the Handler property (`index.handler` → `handler`). */
  readonly exportName: string;
  /** Environment variables from the template; unresolvable intrinsics become placeholders. */
  readonly environment: Readonly<Record<string, string>>;
  readonly memorySizeMb: number | undefined;
  /** How the route was matched, with any disagreement between the two methods. */
  readonly matchedBy: string;
}

export interface SkippedFunction {
  readonly stackName: string;
  readonly logicalId: string;
  readonly constructPath: string;
  readonly reason: string;
}

export interface AssemblyScan {
  readonly functions: SynthesizedFunction[];
  readonly skipped: SkippedFunction[];
}

/** Reads a cloud assembly directory (recursing into stage assemblies and nested stacks). */
export function scanAssembly(assemblyDir: string): AssemblyScan {
  const scan: AssemblyScan = { functions: [], skipped: [] };
  scanAssemblyDir(assemblyDir, scan);
  return scan;
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

function scanAssemblyDir(dir: string, scan: AssemblyScan): void {
  const manifest = Manifest.loadAssemblyManifest(path.join(dir, 'manifest.json'));
  const artifacts = manifest.artifacts ?? {};

  // objectKey (what the template's Code.S3Key says) → asset source directory.
  const assetDirByObjectKey = new Map<string, string>();
  for (const artifact of Object.values(artifacts)) {
    if (artifact.type !== ArtifactType.ASSET_MANIFEST) continue;
    const file = (artifact.properties as { file: string }).file;
    const assets: AssetManifest = Manifest.loadAssetManifest(path.join(dir, file));
    for (const asset of Object.values(assets.files ?? {})) {
      if (!asset.source.path) continue;
      for (const destination of Object.values(asset.destinations)) {
        assetDirByObjectKey.set(destination.objectKey, path.resolve(dir, asset.source.path));
      }
    }
  }

  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (artifact.type === ArtifactType.NESTED_CLOUD_ASSEMBLY) {
      scanAssemblyDir(path.join(dir, (artifact.properties as NestedCloudAssemblyProperties).directoryName), scan);
    } else if (artifact.type === ArtifactType.AWS_CLOUDFORMATION_STACK) {
      const props = artifact.properties as AwsCloudFormationStackProperties;
      const stackName = props.stackName ?? artifact.displayName ?? artifactId;
      scanTemplate(dir, path.join(dir, props.templateFile), stackName, assetDirByObjectKey, scan);
    }
  }
}

function scanTemplate(
  dir: string,
  templateFile: string,
  stackName: string,
  assetDirByObjectKey: ReadonlyMap<string, string>,
  scan: AssemblyScan,
): void {
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { Resources?: Record<string, CfnResource> };
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const metadata = resource.Metadata ?? {};
    const constructPath = typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : logicalId;
    if (resource.Type === 'AWS::CloudFormation::Stack' && typeof metadata['aws:asset:path'] === 'string') {
      const nested = path.resolve(dir, metadata['aws:asset:path']);
      if (nested.endsWith('.json') && existsSync(nested))
        scanTemplate(dir, nested, `${stackName}/${logicalId}`, assetDirByObjectKey, scan);
      continue;
    }
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const skip = (reason: string) => scan.skipped.push({ stackName, logicalId, constructPath, reason });

    const properties = resource.Properties ?? {};
    const code = (properties.Code ?? {}) as Record<string, unknown>;
    let assetDir: string | undefined;
    if (typeof code.S3Key === 'string') assetDir = assetDirByObjectKey.get(code.S3Key);
    // Fallback: the asset metadata CDK adds for SAM-style local tooling.
    if (!assetDir && typeof metadata['aws:asset:path'] === 'string')
      assetDir = path.resolve(dir, metadata['aws:asset:path']);
    if (!assetDir) {
      skip(code.ZipFile !== undefined ? 'inline code' : 'no file asset for its Code');
      continue;
    }
    if (!existsSync(assetDir)) {
      skip(`asset directory ${assetDir} is missing (synth with bundling skipped?)`);
      continue;
    }

    const handler = typeof properties.Handler === 'string' ? properties.Handler : 'index.handler';
    const dot = handler.lastIndexOf('.');
    const moduleName = handler.slice(0, dot);
    const exportName = handler.slice(dot + 1);
    const bundleFileName = ['.mjs', '.js', '.cjs']
      .map((ext) => moduleName + ext)
      .find((f) => existsSync(path.join(assetDir, f)));
    if (!bundleFileName) {
      skip(`no ${moduleName}.mjs/.js in its asset (${readdirSync(assetDir).slice(0, 5).join(', ')})`);
      continue;
    }

    const projectSources = projectSourcesOf(path.join(assetDir, bundleFileName));
    const byEntry = routes.find((r) => projectSources.some((s) => s.endsWith(r.entry)));
    const segments = constructPath.split('/');
    const byPath = routes.find((r) => segments.includes(r.id));
    const route = byEntry ?? byPath;
    if (!route && !projectSources.some((s) => /(^|\/)lambdas\//.test(s))) {
      skip('not built from lambdas/ (a CDK-provided function)');
      continue;
    }
    let matchedBy = byEntry
      ? 'handler entry in the source map'
      : byPath
        ? 'construct path'
        : 'project Lambda, not a route';
    if (byEntry && byPath && byEntry !== byPath) {
      matchedBy = `entry says ${byEntry.id}, construct path says ${byPath.id}: using the entry`;
    }

    const environmentVariables =
      ((properties.Environment ?? {}) as { Variables?: Record<string, unknown> }).Variables ?? {};
    scan.functions.push({
      routeId: route?.id,
      route,
      label: route?.id ?? constructPath.replace(/\/Resource$/, ''),
      stackName,
      logicalId,
      constructPath,
      assetDir,
      bundleFileName,
      exportName,
      environment: resolveEnvironment(environmentVariables),
      memorySizeMb: typeof properties.MemorySize === 'number' ? properties.MemorySize : undefined,
      matchedBy,
    });
  }
}

/** Non-node_modules sources of a bundle, from the .map next to it (empty without one). */
function projectSourcesOf(bundleFile: string): string[] {
  const mapFile = `${bundleFile}.map`;
  if (!existsSync(mapFile)) return [];
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources?: string[] };
  return (map.sources ?? []).filter((s) => !s.includes('node_modules/')).map((s) => s.replace(/\\/g, '/'));
}

/**
 * Template values are strings or intrinsics (Ref to the table, Fn::GetAtt, Fn::Join...). The
 * handlers only need a well-formed value, and the backend is a local stub anyway.
 */
function resolveEnvironment(variables: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
    else if (value && typeof value === 'object' && 'Ref' in value)
      out[name] = `bench-${String((value as { Ref: unknown }).Ref)}`;
    else out[name] = `bench-${name.toLowerCase().replace(/_/g, '-')}`;
  }
  return out;
}
