/**
 * The offline PromptModerator: word rules (./moderation-rules.ts) instead of Bedrock
 * Guardrails, so the local stack and tests exercise the same "blocked before any charge" path
 * (SECURITY G3) with no AWS account. Deterministic and synchronous underneath.
 *
 * Only the prompt is checked against the rules. A negative prompt lists what the image must
 * not show, so "no gore, no nudity" there is the responsible use and must not cost a refusal;
 * and a word list cannot tell intent from a negative prompt's wording anyway. (The guardrail
 * in AWS reads both.)
 *
 * `[local:moderate]` anywhere in the prompt, exactly as written, is always refused with
 * category `policy`: tests and the demo use it to show a refusal without quoting harmful text.
 */
import type { PromptModerator } from '../../domain/generations/ports';
import { blockedVerdict } from './block-messages';
import { defaultModerationRules, type ModerationRule } from './moderation-rules';
import { phraseWords, textForms } from './normalize-text';

export const moderationTestMarker = '[local:moderate]';

export function ruleModerator(rules: readonly ModerationRule[] = defaultModerationRules): PromptModerator {
  const compiled = rules.map(compileRule);
  return {
    async check({ prompt }) {
      if (prompt.includes(moderationTestMarker)) return blockedVerdict('policy');
      const forms = textForms(prompt);
      const broken = compiled.find((rule) => forms.some((words) => rule.matches(words)));
      return broken ? blockedVerdict(broken.category) : { allowed: true };
    },
  };
}

interface Phrase {
  words: string[];
  /** The last word may continue (`dismember*`). */
  openEnded: boolean;
}

interface CompiledRule {
  category: string;
  matches(words: readonly string[]): boolean;
}

function compileRule(rule: ModerationRule): CompiledRule {
  const anyOf = compilePhrases(rule.anyOf ?? []);
  const allOf = (rule.allOf ?? []).map(compilePhrases);
  const except = compilePhrases(rule.except ?? []);
  return {
    category: rule.category,
    matches(words) {
      const relevant = withoutExceptions(words, except);
      const found = (phrase: Phrase) => startsOf(relevant, phrase).length > 0;
      return anyOf.some(found) || (allOf.length > 0 && allOf.every((group) => group.some(found)));
    },
  };
}

function compilePhrases(phrases: readonly string[]): Phrase[] {
  return phrases
    .map((phrase) => ({ words: phraseWords(phrase), openEnded: phrase.trimEnd().endsWith('*') }))
    .filter((phrase) => phrase.words.length > 0);
}

/** Blanks out the words of every exception, so "al gore" leaves no "gore" behind. */
function withoutExceptions(words: readonly string[], exceptions: Phrase[]): readonly string[] {
  if (exceptions.length === 0) return words;
  const kept = [...words];
  for (const exception of exceptions) {
    for (const start of startsOf(words, exception)) kept.fill('', start, start + exception.words.length);
  }
  return kept;
}

/** Every index where the phrase starts, word for word. */
function startsOf(words: readonly string[], phrase: Phrase): number[] {
  const starts: number[] = [];
  const last = phrase.words.length - 1;
  for (let start = 0; start + last < words.length; start++) {
    const matches = phrase.words.every((expected, offset) => {
      const actual = words[start + offset];
      return offset === last && phrase.openEnded ? actual.startsWith(expected) : actual === expected;
    });
    if (matches) starts.push(start);
  }
  return starts;
}
