/**
 * Picks the prompt moderator from configuration: Bedrock Guardrails in AWS, the rule moderator
 * offline. The guardrail is called with one signed request (../bedrock/signed-guardrail.ts), so
 * neither choice puts a Bedrock client in the create-generation bundle.
 */
import type { PromptModerator } from '../../domain/generations/ports';
import { ConfigurationError, moderationConfig } from '../../shared/config';
import { guardrailModerator } from '../bedrock/guardrail-moderator';
import { signedApplyGuardrail } from '../bedrock/signed-guardrail';
import { ruleModerator } from '../moderation/rule-moderator';

/**
 * PROMPT_MODERATOR: `guardrail` (needs GUARDRAIL_ID and GUARDRAIL_VERSION) or `rules`. A
 * guardrail without its id or version is a deployment error, reported as one: falling back to
 * the rule list would quietly weaken moderation in production. Region: BEDROCK_REGION, else
 * the function's own AWS_REGION (the SDK's chain, which the Bedrock client used to apply).
 */
export function promptModeratorFromConfig(): PromptModerator {
  const config = moderationConfig();
  if (config.PROMPT_MODERATOR === 'rules') return ruleModerator();
  if (!config.GUARDRAIL_ID || !config.GUARDRAIL_VERSION) {
    throw new ConfigurationError('PROMPT_MODERATOR=guardrail needs GUARDRAIL_ID and GUARDRAIL_VERSION');
  }
  const region = config.BEDROCK_REGION ?? process.env.AWS_REGION;
  if (!region) throw new ConfigurationError('PROMPT_MODERATOR=guardrail needs BEDROCK_REGION or AWS_REGION');
  return guardrailModerator(signedApplyGuardrail({ region }), {
    guardrailId: config.GUARDRAIL_ID,
    guardrailVersion: config.GUARDRAIL_VERSION,
  });
}
