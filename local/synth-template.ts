/**
 * Pictor's CloudFormation templates, synthesized in this process the way bin/app.ts builds the
 * app but without bundling (context `aws:cdk:bundling-stacks: []`), so a synth takes a second or
 * two instead of an esbuild run per function. The infra tests build on `synthesizeApp`; the local
 * stack reads the state machine definition out of `synthesizeTemplates`, so what runs locally is
 * what deploys.
 *
 * Loaded as a worker thread by local/template-cache.ts, it synthesizes and posts the templates
 * back: `npm start` runs that while the emulators boot, and keeps aws-cdk-lib off its main thread.
 */
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { App } from 'aws-cdk-lib';
import { parseStageConfig, type StageConfig } from '../lib/config/stage-config';
import { createPictorApp, type PictorStacks } from '../lib/pictor-app';
import { synthWorkerMarker } from './template-cache';

/** A resource as a synthesized template holds it. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string[];
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  readonly [section: string]: unknown;
}

/** The stages exactly as cdk.json declares them. */
export function cdkJsonStages(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(resolve(__dirname, '..', 'cdk.json'), 'utf8')) as {
    context: { stages: Record<string, unknown> };
  };
  return cdkJson.context.stages;
}

export interface SynthesizedApp {
  readonly app: App;
  readonly config: StageConfig;
  readonly stacks: PictorStacks;
}

export interface SynthesizeOptions {
  /**
   * Adds `Metadata['aws:cdk:path']` to every resource, as the CDK CLI does (an App built in
   * process leaves it out): the local stack finds a step's function by its construct path.
   * @default false
   */
  pathMetadata?: boolean;
}

/**
 * Validates `stages[stage]` and builds both stacks in a fresh App (synthesized lazily, by
 * whoever asks for a template).
 */
export function synthesizeApp(
  stage: string,
  stages: Record<string, unknown> = cdkJsonStages(),
  options: SynthesizeOptions = {},
): SynthesizedApp {
  const config = parseStageConfig(stage, stages);
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      ...(options.pathMetadata ? { 'aws:cdk:enable-path-metadata': true } : {}),
    },
  });
  return { app, config, stacks: createPictorApp(app, config) };
}

export interface PictorTemplates {
  readonly stage: string;
  /** `Pictor-<stage>-Stateful` and `Pictor-<stage>-Api`. */
  readonly stackNames: { readonly stateful: string; readonly api: string };
  readonly stateful: CfnTemplate;
  readonly api: CfnTemplate;
}

/** Both stacks' templates for `stage` of cdk.json, with construct paths. */
export function synthesizeTemplates(stage = 'dev'): PictorTemplates {
  const { app, stacks } = synthesizeApp(stage, cdkJsonStages(), { pathMetadata: true });
  const assembly = app.synth();
  try {
    return {
      stage,
      stackNames: { stateful: stacks.stateful.stackName, api: stacks.api.stackName },
      stateful: assembly.getStackArtifact(stacks.stateful.artifactId).template as CfnTemplate,
      api: assembly.getStackArtifact(stacks.api.artifactId).template as CfnTemplate,
    };
  } finally {
    // The App wrote the assembly to a fresh temp dir; only the templates, now in memory, were wanted.
    rmSync(assembly.directory, { recursive: true, force: true });
  }
}

if (!isMainThread && typeof workerData?.[synthWorkerMarker] === 'string') {
  let answer: { templates?: PictorTemplates; error?: string };
  try {
    answer = { templates: synthesizeTemplates(workerData[synthWorkerMarker] as string) };
  } catch (error) {
    // One line for the start-up message; the stack would point into the CDK.
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
}
