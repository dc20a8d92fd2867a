/**
 * Picks the image model and the prompt moderator from configuration: Bedrock and Guardrails in
 * AWS, the local painter and the rule moderator offline. Nothing is constructed at import: a
 * Bedrock client is built (once per container, ../bedrock/client.ts) only when the configuration
 * asks for Bedrock, so a locally configured handler never pays for one.
 */
import type { ImageModel } from '../../domain/generations/image-model';
import type { PromptModerator } from '../../domain/generations/moderation';
import { ConfigurationError, imageProviderConfig, moderationConfig } from '../../shared/config';
import { guardrailClient, imageGenerationClient } from '../bedrock/client';
import { guardrailModerator } from '../bedrock/guardrail-moderator';
import { stabilityImageModel } from '../bedrock/stability-image-model';
import { localImageModel } from '../local/local-image-model';
import { ruleModerator } from '../moderation/rule-moderator';

/** IMAGE_PROVIDER: `bedrock` (the Stability models) or `local`. */
export function imageModelFromConfig(): ImageModel {
  const { IMAGE_PROVIDER } = imageProviderConfig();
  return IMAGE_PROVIDER === 'bedrock' ? stabilityImageModel(imageGenerationClient()) : localImageModel();
}

/**
 * PROMPT_MODERATOR: `guardrail` (needs GUARDRAIL_ID and GUARDRAIL_VERSION) or `rules`. A
 * guardrail without its id or version is a deployment error, reported as one: falling back to
 * the rule list would quietly weaken moderation in production.
 */
export function promptModeratorFromConfig(): PromptModerator {
  const config = moderationConfig();
  if (config.PROMPT_MODERATOR === 'rules') return ruleModerator();
  if (!config.GUARDRAIL_ID || !config.GUARDRAIL_VERSION) {
    throw new ConfigurationError('PROMPT_MODERATOR=guardrail needs GUARDRAIL_ID and GUARDRAIL_VERSION');
  }
  return guardrailModerator(guardrailClient(), { guardrailId: config.GUARDRAIL_ID, guardrailVersion: config.GUARDRAIL_VERSION });
}
