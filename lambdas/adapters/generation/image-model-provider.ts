/**
 * Picks the image model from configuration: the Stability models on Bedrock in AWS, the local
 * painter offline. Nothing is constructed at import: a Bedrock client is built (once per
 * container, ../bedrock/client.ts) only when the configuration asks for Bedrock. Kept apart
 * from the moderator's provider so the API's bundle never carries the image models.
 */
import type { ImageModel } from '../../domain/generations/ports';
import { imageProviderConfig } from '../../shared/config';
import { imageGenerationClient } from '../bedrock/client';
import { stabilityImageModel } from '../bedrock/stability-image-model';
import { localImageModel } from '../local/local-image-model';

/** IMAGE_PROVIDER: `bedrock` (the Stability models) or `local`. */
export function imageModelFromConfig(): ImageModel {
  const { IMAGE_PROVIDER } = imageProviderConfig();
  return IMAGE_PROVIDER === 'bedrock' ? stabilityImageModel(imageGenerationClient()) : localImageModel();
}
