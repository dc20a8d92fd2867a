/**
 * What a text field people type takes and refuses (lambdas/domain/shared/text.ts;
 * docs/input-rules.md says why for each character).
 */
import { multiLineText, singleLineText } from '../../../lambdas/domain/shared/text';
import { validate } from '../../../lambdas/shared/validation';

const title = singleLineText(120);
const prompt = multiLineText(2000);

const messageOf = (schema: typeof title, text: string) => {
  const result = validate(schema, text);
  return result.success ? undefined : result.issues[0].message;
};

describe('a single-line text field', () => {
  it.each([
    ['a ZWJ emoji sequence', '👩‍🎨'],
    ['a flag built with a variation selector and a ZWJ', '🏳️‍🌈'],
    ['skin tones and hair inside a ZWJ sequence', '👨🏽‍🦰 🧑🏽‍🤝‍🧑🏿'],
    ['a sequence ending in a gendered sign and its selector', '🏃🏽‍♀️'],
    ['a subdivision flag made of tag characters', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['keycaps', '1️⃣ #️⃣'],
    ['a CJK ideographic variation selector', '葛\u{E0100}'],
    ['Persian with a zero-width non-joiner', 'می‌خواهم'],
    ['Devanagari with a zero-width joiner after the virama', 'क्‍ष'],
    ['Sinhala with a zero-width joiner', 'ශ්‍රී'],
    ['accents, composed or not', 'Zürich e\u0301'],
  ])('takes %s', (_name, text) => {
    expect(validate(title, text)).toEqual({ success: true, data: text.normalize('NFC') });
  });

  it.each([
    ['a lone high surrogate', 'x\ud800y', 'must be well-formed Unicode (no lone surrogates)'],
    ['a lone low surrogate', 'x\udc00y', 'must be well-formed Unicode (no lone surrogates)'],
    ['a NUL', 'A\u0000nn', undefined],
    ['a new line', 'two\nlines', undefined],
    ['a right-to-left override', 'abc\u202Efdp.exe', undefined],
    ['a bidi isolate', 'a\u2066b\u2069', undefined],
    ['a left-to-right mark', 'a\u200Eb', undefined],
    ['a zero-width space inside a word', 'p\u200Born', undefined],
    ['a word joiner', 'a\u2060b', undefined],
    ['a byte-order mark inside the text', 'ti\uFEFFtle', undefined],
    ['a soft hyphen', 'por\u00ADn', undefined],
    ['a Hangul filler standing in for a blank name', '\u3164', undefined],
    ['a zero-width non-joiner between Latin letters', 'p\u200Corn', undefined],
    ['a zero-width joiner between Latin letters', 'p\u200Dorn', undefined],
    ['a zero-width joiner with no emoji after it', '👩\u200D', undefined],
    ['a run of variation selectors (bytes smuggled after an emoji)', '😀\uFE0F\uFE0E\u{E0101}', undefined],
    ['a variation selector after a space', 'a \uFE0F', undefined],
    ['tag characters spelling text', 'hi\u{E0069}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}', undefined],
    ['a flag with upper-case tags', '🏴\u{E0047}\u{E0042}\u{E007F}', undefined],
    ['a flag whose tags never end', '🏴\u{E0067}\u{E0062}\u{E0073}', undefined],
  ])('refuses %s', (_name, text, message) => {
    expect(messageOf(title, text)).toBe(
      message ?? 'must not contain control, bidirectional or invisible formatting characters',
    );
  });

  it('trims, then refuses what is left blank', () => {
    expect(messageOf(title, '   ')).toBe('must not be blank');
  });

  it('counts its maximum after normalizing, in UTF-16 code units', () => {
    expect(validate(title, 'e\u0301'.repeat(120)).success).toBe(true);
    expect(messageOf(title, `${'👩‍🎨'.repeat(24)}x`)).toBe('must be at most 120 characters');
  });
});

describe('a multi-line text field', () => {
  it('takes new lines and tabs with the rest', () => {
    expect(validate(prompt, 'a lighthouse\n\tat dusk 👩‍🎨').success).toBe(true);
  });

  it('refuses other control characters', () => {
    expect(messageOf(prompt, 'a\rb')).toBe(
      'must not contain control, bidirectional or invisible formatting characters (new lines and tabs are fine)',
    );
  });
});
