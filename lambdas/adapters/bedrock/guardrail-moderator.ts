/**
 * Prompt moderation with Bedrock Guardrails' ApplyGuardrail (CONTRACTS.md §1.6): the prompt is
 * checked on its own, before any charge or model call (SECURITY G3). Any failure to get a
 * verdict (throttling, 5xx, timeouts, a missing guardrail, denied access, an answer we cannot
 * read) raises ModerationUnavailableError: moderation fails closed, so an outage never lets a
 * prompt through unchecked and never charges. Nothing here logs, and no error carries the text.
 */
import type { GuardrailAssessment, GuardrailContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { ModerationVerdict, PromptModerator, PromptText } from '../../domain/generations/ports';
import { ModerationUnavailableError } from '../../domain/generations/moderation-errors';
import { blockedVerdict } from '../moderation/block-messages';
import type { ApplyGuardrail, GuardrailAnswer } from './signed-guardrail';

export interface GuardrailSettings {
  /** The guardrail's id or ARN. */
  guardrailId: string;
  /** A published version (`1`, `2`, …) or `DRAFT`. */
  guardrailVersion: string;
}

/** `applyGuardrail` sends the request: ./signed-guardrail.ts in Lambda, a stub in tests. */
export function guardrailModerator(applyGuardrail: ApplyGuardrail, settings: GuardrailSettings): PromptModerator {
  return {
    async check(text) {
      let response: GuardrailAnswer;
      try {
        response = await applyGuardrail({
          guardrailIdentifier: settings.guardrailId,
          guardrailVersion: settings.guardrailVersion,
          source: 'INPUT',
          content: contentBlocks(text),
          // Only what intervened: the verdict needs nothing else, and a smaller answer is faster.
          outputScope: 'INTERVENTIONS',
        });
      } catch (error) {
        throw new ModerationUnavailableError(undefined, { cause: error });
      }
      return verdictOf(response);
    },
  };
}

/**
 * The prompt, and the negative prompt as a second block: both reach the model, so both are
 * checked. (A negative prompt naming what to avoid, "gore", can trip a content filter; the
 * guardrail's filter strengths are where that trade-off is tuned.)
 */
function contentBlocks({ prompt, negativePrompt }: PromptText): GuardrailContentBlock[] {
  const blocks: GuardrailContentBlock[] = [{ text: { text: prompt } }];
  if (negativePrompt) blocks.push({ text: { text: negativePrompt } });
  return blocks;
}

function verdictOf(response: GuardrailAnswer): ModerationVerdict {
  if (response.action === 'NONE') return { allowed: true };
  if (response.action === 'GUARDRAIL_INTERVENED') return blockedVerdict(categoryOf(response.assessments ?? []));
  // An action this code does not know: no verdict, so no pass.
  throw new ModerationUnavailableError('The guardrail answered with an unknown action.');
}

/**
 * The most specific reason the guardrail gives: a content filter names its kind (the most
 * confident one if several blocked), then a denied topic, a word list, personal information.
 * Other policies (contextual grounding, automated reasoning) are reported as `policy`.
 */
function categoryOf(assessments: GuardrailAssessment[]): string {
  const blockedFilters = assessments
    .flatMap((assessment) => assessment.contentPolicy?.filters ?? [])
    .filter((filter) => filter.action === 'BLOCKED' && filter.type !== undefined);
  if (blockedFilters.length > 0) {
    const [mostConfident] = [...blockedFilters].sort(
      (a, b) => confidenceRank(b.confidence) - confidenceRank(a.confidence),
    );
    return String(mostConfident.type).toLowerCase();
  }
  if (assessments.some((assessment) => assessment.topicPolicy?.topics?.some((topic) => topic.action === 'BLOCKED')))
    return 'topic';
  if (
    assessments.some(
      (assessment) =>
        assessment.wordPolicy?.customWords?.some((word) => word.action === 'BLOCKED') ||
        assessment.wordPolicy?.managedWordLists?.some((word) => word.action === 'BLOCKED'),
    )
  ) {
    return 'words';
  }
  if (
    assessments.some(
      (assessment) =>
        // On input, masking (ANONYMIZED) is an intervention too: the prompt would not go through as written.
        assessment.sensitiveInformationPolicy?.piiEntities?.some((entity) => intervenesOnInput(entity.action)) ||
        assessment.sensitiveInformationPolicy?.regexes?.some((regex) => intervenesOnInput(regex.action)),
    )
  ) {
    return 'personal_information';
  }
  return 'policy';
}

function intervenesOnInput(action: string | undefined): boolean {
  return action === 'BLOCKED' || action === 'ANONYMIZED';
}

const confidenceRanks: Record<string, number> = { HIGH: 3, MEDIUM: 2, LOW: 1, NONE: 0 };

function confidenceRank(confidence: string | undefined): number {
  return confidence !== undefined && Object.hasOwn(confidenceRanks, confidence) ? confidenceRanks[confidence] : 0;
}
