/**
 * CDK entry point: `cdk synth -c stage=dev`. Validates the stage config before building anything,
 * and runs the AwsSolutions and Serverless cdk-nag packs on every synth, so a finding without a
 * written acknowledgement fails the synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { parseStageConfig, StageConfigError, type StageConfig } from '../lib/config/stage-config';
import { createNagPacks } from '../lib/nag-acknowledgements';
import { createPictorApp } from '../lib/pictor-app';

const app = new App();

function readStageConfig(): StageConfig {
  try {
    return parseStageConfig(app.node.tryGetContext('stage'), app.node.tryGetContext('stages'));
  } catch (error) {
    // A config mistake is the user's to fix: show the message, not a stack trace.
    if (error instanceof StageConfigError) {
      console.error(error.message);
    } else if (error instanceof SyntaxError) {
      console.error(`The "stages" context is not valid JSON: ${error.message}`);
    } else {
      throw error;
    }
    process.exit(1);
  }
}

createPictorApp(app, readStageConfig());
Validations.of(app).addPlugins(...createNagPacks(app));
