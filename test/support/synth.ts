/**
 * Builds Pictor's stacks the way bin/app.ts does, for template assertions and cdk-nag, without
 * bundling (context `aws:cdk:bundling-stacks: []`), so a synth takes about a second. Each
 * configuration is synthesized once per test file and shared by its tests.
 */
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PolicyViolation } from 'aws-cdk-lib';
import type { StageConfig } from '../../lib/config/stage-config';
import { createNagPacks } from '../../lib/nag-acknowledgements';
import type { PictorStacks } from '../../lib/pictor-app';
import { cdkJsonStages as readCdkJsonStages, synthesizeApp } from '../../local/synth-template';

/** The stages exactly as cdk.json declares them. */
export const cdkJsonStages = readCdkJsonStages();

/**
 * A production-like stage with everything optional switched on: data retained, Apple and Google
 * sign-in, SES email, a fixed account, a Bedrock region other than the default, a prompt
 * guardrail, RevenueCat and an alarm email. The identifiers are made up.
 */
export const fullStage = {
  account: '123456789012',
  region: 'eu-west-1',
  retainData: true,
  auth: {
    domainPrefix: 'pictor-full',
    callbackUrls: ['pictor://auth/callback', 'https://app.example.com/auth/callback'],
    logoutUrls: ['pictor://auth/signout'],
    apple: {
      servicesId: 'com.example.pictor.signin',
      teamId: 'ABCDE12345',
      keyId: 'KEY1234567',
      privateKeySecretName: 'pictor/full/apple-signin-key',
    },
    google: {
      clientId: '1234567890-abc.apps.googleusercontent.com',
      clientSecretSecretName: 'pictor/full/google-client-secret',
    },
    email: { fromEmail: 'no-reply@example.com', fromName: 'Pictor', sesVerifiedDomain: 'example.com' },
  },
  api: { throttle: { rateLimit: 200, burstLimit: 400 }, corsOrigins: ['https://app.example.com'] },
  starterCredits: 20,
  privacyPolicyVersion: '2026-11-01',
  images: { provider: 'bedrock', bedrockRegion: 'us-east-1' },
  moderation: { guardrail: { id: 'gr0example01', version: '3' } },
  revenueCat: {
    apiKeySecretName: 'pictor/full/revenuecat-api-key',
    webhookSecretName: 'pictor/full/revenuecat-webhook-authorization',
  },
  alarms: { email: 'alarms@example.com' },
  logRetentionDays: 365,
};

export interface SynthesizedPictor {
  readonly app: App;
  readonly config: StageConfig;
  readonly stacks: PictorStacks;
  readonly stateful: Template;
  readonly api: Template;
}

/** Validates `stages[stage]`, builds both stacks in a fresh App and synthesizes them. */
export function synthPictor(stage: string, stages: Record<string, unknown> = cdkJsonStages): SynthesizedPictor {
  const { app, config, stacks } = synthesizeApp(stage, stages);
  return {
    app,
    config,
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    api: Template.fromStack(stacks.api),
  };
}

/** The `dev` stage of cdk.json. */
export const synthDev = (): SynthesizedPictor => synthPictor('dev');

/** The production-like stage above. */
export const synthFull = (): SynthesizedPictor => synthPictor('full', { full: fullStage });

/** Runs every cdk-nag pack bin/app.ts registers; returns the findings nobody acknowledged. */
export function unacknowledgedNagFindings(app: App): PolicyViolation[] {
  return createNagPacks().flatMap((pack) => pack.validateScope(app).violations);
}

/** A CloudFormation resource as it appears in a synthesized template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string[];
}

/** Every resource of `type`, by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, TemplateResource> {
  return template.findResources(type) as Record<string, TemplateResource>;
}

/**
 * What an `Fn::ImportValue` in the API stack points at: the exported value in the stateful stack
 * (e.g. `{ Ref: 'UserPool' }`), so tests can follow a cross-stack reference to its resource.
 */
export function importedValue(stateful: Template, value: unknown): unknown {
  const name = (value as { 'Fn::ImportValue'?: string })['Fn::ImportValue'];
  if (name === undefined) throw new Error(`not an import: ${JSON.stringify(value)}`);
  const outputs = stateful.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
  const output = Object.values(outputs).find((o) => o.Export?.Name === name);
  if (!output) throw new Error(`no export named ${name}`);
  return output.Value;
}
