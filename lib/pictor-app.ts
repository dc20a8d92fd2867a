/**
 * Builds Pictor's stacks for one stage. bin/app.ts calls it for `cdk synth`/`deploy`; the infra
 * tests call it with a fresh App, so what is tested is what deploys.
 */
import { Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiStack } from './api-stack';
import type { StageConfig } from './config/stage-config';
import { StatefulStack } from './stateful-stack';

export interface PictorStacks {
  readonly stateful: StatefulStack;
  readonly api: ApiStack;
}

/** Stack names are `Pictor-<stage>-Stateful` and `Pictor-<stage>-Api`. */
export function stackNames(stage: string): { stateful: string; api: string } {
  return { stateful: `Pictor-${stage}-Stateful`, api: `Pictor-${stage}-Api` };
}

/**
 * Creates the stateful and API stacks of one stage inside `scope` (an App or a Stage).
 * cdk-nag packs are not registered here: see `createNagPacks` in ./nag-acknowledgements.
 */
export function createPictorApp(scope: Construct, config: StageConfig): PictorStacks {
  // Account may be undefined: then the stacks deploy to the CLI's current account.
  const env = { account: config.account, region: config.region };
  const names = stackNames(config.name);

  const stateful = new StatefulStack(scope, names.stateful, {
    env,
    config,
    description: `Pictor ${config.name}: table, image buckets, user pool (data lives here)`,
    // Deleting a stage that keeps data must be a two-step, deliberate act.
    terminationProtection: config.retainData,
  });
  const api = new ApiStack(scope, names.api, {
    env,
    config,
    description: `Pictor ${config.name}: HTTP API, route functions, queue workers and alarms`,
    table: stateful.table,
    bucket: stateful.bucket,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    userIdHashKey: stateful.userIdHashKey,
  });

  for (const stack of [stateful, api]) {
    Tags.of(stack).add('project', 'pictor');
    Tags.of(stack).add('stage', config.name);
  }
  return { stateful, api };
}
