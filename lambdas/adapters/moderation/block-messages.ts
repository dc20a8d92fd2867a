/**
 * The words a person sees when a prompt is refused, one per category, shared by every
 * moderator so the same refusal reads the same whichever moderator made it. They name the
 * kind of content, never the words that matched: echoing a match would teach how to rephrase
 * around the list.
 */
import type { ModerationVerdict } from '../../domain/generations/ports';

const messages: Record<string, string> = {
  child_safety: 'This prompt was blocked: content that sexualizes minors is never allowed.',
  sexual: 'This prompt was blocked: sexual content is not allowed.',
  violence: 'This prompt was blocked: graphic violence and gore are not allowed.',
  hate: 'This prompt was blocked: hateful content is not allowed.',
  insults: 'This prompt was blocked: insulting content is not allowed.',
  misconduct: 'This prompt was blocked: it asks for harmful or illegal activity.',
  self_harm: 'This prompt was blocked: content that promotes self-harm is not allowed.',
  prompt_attack: 'This prompt was blocked: it tries to get around the content rules.',
  topic: 'This prompt was blocked: its subject is not allowed.',
  words: 'This prompt was blocked: it contains words that are not allowed.',
  personal_information: 'This prompt was blocked: remove personal information and try again.',
};

const fallback = 'This prompt was blocked by content moderation. Change it and try again.';

export function blockedVerdict(category: string): ModerationVerdict {
  return { allowed: false, category, message: Object.hasOwn(messages, category) ? messages[category] : fallback };
}
