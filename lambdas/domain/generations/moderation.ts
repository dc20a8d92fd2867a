/**
 * The port prompts pass before any charge or model call (SECURITY G3): Bedrock Guardrails
 * ApplyGuardrail in AWS, a rule-based moderator offline.
 */

export interface PromptText {
  prompt: string;
  negativePrompt?: string;
}

export type ModerationVerdict =
  | { allowed: true }
  /** `category` is a stable code (e.g. `sexual`, `violence`, `hate`, `self_harm`, `policy`); `message` is safe to show. */
  | { allowed: false; category: string; message: string };

export interface PromptModerator {
  check(text: PromptText): Promise<ModerationVerdict>;
}
