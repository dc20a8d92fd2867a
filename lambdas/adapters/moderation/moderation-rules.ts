/**
 * The offline moderator's rules: a mechanism to exercise the moderation path without AWS (the
 * local stack, tests, demos), not a content policy. Production moderation is Bedrock
 * Guardrails. The lists are deliberately short and name no graphic detail; each entry is a
 * phrase matched on whole words after normalisation (./normalize-text.ts), so "Essex" never
 * matches "sex" and "therapist" never matches "rapist".
 *
 * Rules are tried in order and the first that matches gives the category, so the most serious
 * comes first: a prompt that is both sexual and about minors is reported as `child_safety`.
 */

export interface ModerationRule {
  /** The verdict's stable category code. */
  readonly category: string;
  /**
   * Blocks when any phrase appears as whole words. A trailing `*` lets the last word continue:
   * `dismember*` also matches "dismembered" and "dismemberment".
   */
  readonly anyOf?: readonly string[];
  /**
   * Blocks when every group has a phrase somewhere in the prompt, in any order and at any
   * distance: for combinations that are harmless apart and harmful together.
   */
  readonly allOf?: readonly (readonly string[])[];
  /** Innocent phrases that contain a listed word ("Gore-Tex"); their words are ignored by this rule. */
  readonly except?: readonly string[];
}

const minors = [
  'child',
  'children',
  'kid',
  'kids',
  'minor',
  'minors',
  'underage',
  'preteen*',
  'toddler*',
  'infant*',
  'teen',
  'teens',
  'teenage*',
  'schoolgirl*',
  'schoolboy*',
  'little girl*',
  'little boy*',
  'young girl*',
  'young boy*',
];

const sexualTerms = [
  'sex',
  'sexy',
  'sexual*',
  'nude*',
  'nudity',
  'naked',
  'nsfw',
  'porn*',
  'erotic*',
  'lingerie',
  'seductive',
  'topless',
  'undressed',
];

export const defaultModerationRules: readonly ModerationRule[] = [
  {
    category: 'child_safety',
    anyOf: ['loli', 'lolicon', 'shotacon', 'jailbait'],
    // Any sexual term next to any mention of a minor, however innocent each word is alone: here
    // a false positive costs a rephrase, a false negative is unacceptable.
    allOf: [minors, sexualTerms],
    except: ['naked mole rat*'],
  },
  {
    category: 'sexual',
    anyOf: [
      'sex',
      'porn*',
      'nsfw',
      'hentai',
      'xxx',
      'sexual intercourse',
      'explicit nudity',
      'rape',
      'raped',
      'raping',
      'rapist*',
    ],
  },
  {
    category: 'violence',
    anyOf: [
      'gore',
      'gory',
      'dismember*',
      'decapitat*',
      'behead*',
      'disembowel*',
      'mutilat*',
      'severed head*',
      'severed limb*',
      'entrails',
      'bloodbath',
      'blood bath',
    ],
    except: ['gore tex', 'al gore'],
  },
  {
    category: 'hate',
    anyOf: [
      'heil hitler',
      'sieg heil',
      'white power',
      'white supremacy',
      'white supremacist*',
      'ethnic cleansing',
      'racial purity',
      'kkk',
      'untermensch*',
    ],
  },
  {
    category: 'self_harm',
    anyOf: [
      'kill myself',
      'killing myself',
      'commit suicide',
      'committing suicide',
      'suicide note',
      'self harm*',
      'selfharm*',
      'cutting myself',
      'slit wrist*',
      'slit my wrist*',
      'slitting my wrist*',
      'hang myself',
      'hanging myself',
      'thinspo*',
      'pro ana',
    ],
  },
];
