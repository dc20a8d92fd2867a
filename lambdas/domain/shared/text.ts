/**
 * Text fields people type (display names, titles, prompts): well-formed, normalized, trimmed,
 * bounded, and free of the characters that hide content from moderation or break other clients,
 * while keeping everything people actually type, emoji sequences included. The rules, and why
 * each invisible character is refused or allowed, are in docs/input-rules.md.
 */
import * as v from 'valibot';
import { boundedString, wellFormed } from '../../shared/validation';
import { isResourceId, maxResourceIdLength } from './id-formats';

/**
 * Never allowed on their own: control characters (Cc), line and paragraph separators, format
 * characters (Cf: bidi embeddings, overrides, isolates and marks, the zero-width space, word
 * joiner, BOM, soft hyphen, tags, …), and every other default-ignorable code point (variation
 * selectors, Hangul fillers, the combining grapheme joiner): a renderer shows them as nothing,
 * so they can blank a name, reorder what a reader sees, split a word a moderator would match,
 * or smuggle a hidden message into a prompt. The sequences below let the useful few back in.
 */
const invisible = String.raw`\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Cs}`;

/** Emoji and text presentation selectors, Mongolian free variation selectors, ideographic variation selectors. */
const variationSelector = String.raw`[\uFE00-\uFE0F\u180B-\u180D\u180F\u{E0100}-\u{E01EF}]`;

/** Scripts whose spelling needs the zero-width non-joiner or joiner (Persian, Urdu, Hindi, Malayalam, Sinhala, …). */
const joiningScript = [
  'Arab',
  'Syrc',
  'Mong',
  'Deva',
  'Beng',
  'Guru',
  'Gujr',
  'Orya',
  'Taml',
  'Telu',
  'Knda',
  'Mlym',
  'Sinh',
]
  .map((script) => String.raw`\p{scx=${script}}`)
  .join('');

const allowedUnits = [
  // A subdivision flag (🏴 + tag letters or digits + cancel tag, e.g. Scotland): the only
  // place a tag character may appear, as a region code, so tags cannot spell hidden text.
  String.raw`\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,7}\u{E007F}`,
  // One variation selector, right after the visible character it selects a form of (❤️, 1️⃣,
  // a CJK variant): a run of them, or one after nothing, is how bytes are smuggled.
  String.raw`(?<=[^\p{M}\p{Zs}${invisible}])${variationSelector}`,
  // The zero-width joiner inside an emoji sequence: between two pictographs, the first
  // optionally with its skin tone or emoji selector (👩‍🎨, 🏳️‍🌈, 👨🏽‍🦰).
  String.raw`(?<=\p{Extended_Pictographic}[\p{Emoji_Modifier}\uFE0F]?)\u200D(?=\p{Extended_Pictographic})`,
  // The non-joiner and joiner between two letters (or marks) of a script that spells with them.
  String.raw`(?<=[${joiningScript}])[\u200C\u200D](?=[${joiningScript}])`,
  // Anything visible.
  `[^${invisible}]`,
];

/** Built when a text schema is built (not at import), so bundles that only import ids from here skip it. */
/* @__NO_SIDE_EFFECTS__ */ function allowedText(multiLine: boolean): RegExp {
  const units = multiLine ? [String.raw`[\n\t]`, ...allowedUnits] : allowedUnits;
  return new RegExp(`^(?:${units.join('|')})+$`, 'u');
}

/** Project factories are marked free of side effects, as valibot's are, so unused schemas leave the bundle. */
/* @__NO_SIDE_EFFECTS__ */ function typedText(maxLength: number, multiLine: boolean) {
  // Well-formed first (normalizing half a character is meaningless), then normalized and trimmed,
  // so the limits and the pattern judge the text as it is stored.
  return v.pipe(
    v.string(),
    wellFormed(),
    v.normalize('NFC'),
    v.trim(),
    v.minLength(1, 'must not be blank'),
    v.maxLength(maxLength, `must be at most ${maxLength} characters`),
    v.regex(
      allowedText(multiLine),
      multiLine
        ? 'must not contain control, bidirectional or invisible formatting characters (new lines and tabs are fine)'
        : 'must not contain control, bidirectional or invisible formatting characters',
    ),
  );
}

/** One line: no control characters at all. */
/* @__NO_SIDE_EFFECTS__ */ export const singleLineText = (maxLength: number) => typedText(maxLength, false);

/** Several lines: newlines and tabs allowed, other control characters not. */
/* @__NO_SIDE_EFFECTS__ */ export const multiLineText = (maxLength: number) => typedText(maxLength, true);

/** Ids Pictor hands out (ULIDs and random base64url): checked before they reach a key. */
export const resourceId = v.pipe(
  boundedString(maxResourceIdLength),
  v.check((value: string) => isResourceId(value), 'must be an id Pictor returned'),
);
