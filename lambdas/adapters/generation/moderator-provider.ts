/**
 * Picks the prompt moderator from configuration: Bedrock Guardrails in AWS, the rule moderator
 * offline. A Guardrails client is built (once per container) only when configured.
 */
import type { PromptModerator } from '../../domain/generations/moderation';
import { ConfigurationError, moderationConfig } from '../../shared/config';
import { guardrailClient } from '../bedrock/client';
import { guardrailModerator } from '../bedrock/guardrail-moderator';
import { ruleModerator } from '../moderation/rule-moderator';

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
