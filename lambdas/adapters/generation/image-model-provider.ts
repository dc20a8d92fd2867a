/**
 * Picks the image model from configuration: the Stability models on Bedrock in AWS, the local
 * painter offline. Nothing is constructed at import. Kept apart from the moderator's provider so
 * the API's bundle never carries the image models.
 *
 * A deployed bundle carries only its stage's provider: the CDK app builds the generation worker
 * with `process.env.PICTOR_BUNDLED_IMAGE_PROVIDER` replaced by the stage's `images.provider`
 * (lib/constructs/lambda-defaults.ts, `imageProviderBundling`), so esbuild folds the checks
 * below and drops the other provider (the painter and pngjs, ~35 KB, from a Bedrock stage's
 * worker; pngjs's start-up too, since a CommonJS module runs at import). Run from source (tests, `npm start`'s bundles)
 * the variable is unset and both stay.
 */
import type { ImageModel } from '../../domain/generations/ports';
import { ConfigurationError, imageProviderConfig } from '../../shared/config';
import { signedInvokeModel } from '../bedrock/signed-invoke-model';
import { stabilityImageModel } from '../bedrock/stability-image-model';

type LocalImageModelModule = typeof import('../local/local-image-model');

/**
 * IMAGE_PROVIDER: `bedrock` (the Stability models, in BEDROCK_REGION, else the function's own
 * AWS_REGION) or `local`.
 */
export function imageModelFromConfig(): ImageModel {
  const { IMAGE_PROVIDER, BEDROCK_REGION } = imageProviderConfig();
  // Written out at each use, not read into a variable: esbuild folds a replaced expression in place.
  if (process.env.PICTOR_BUNDLED_IMAGE_PROVIDER !== 'local' && IMAGE_PROVIDER === 'bedrock') {
    const region = BEDROCK_REGION ?? process.env.AWS_REGION;
    if (!region) throw new ConfigurationError('IMAGE_PROVIDER=bedrock needs BEDROCK_REGION or AWS_REGION');
    return stabilityImageModel(signedInvokeModel({ region }));
  }
  if (process.env.PICTOR_BUNDLED_IMAGE_PROVIDER !== 'bedrock' && IMAGE_PROVIDER === 'local') {
    // A require in the branch, not an import: esbuild does not bundle what a folded-away branch
    // requires, but keeps every statically imported CommonJS module (pngjs) for its side effects.
    const local: LocalImageModelModule = require('../local/local-image-model');
    return local.localImageModel();
  }
  throw new ConfigurationError(
    `IMAGE_PROVIDER=${IMAGE_PROVIDER}, but this bundle was built for ${process.env.PICTOR_BUNDLED_IMAGE_PROVIDER}`,
  );
}
