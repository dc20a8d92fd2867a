import fc from 'fast-check';
import { blockedVerdict } from '../../../lambdas/adapters/moderation/block-messages';
import { moderationTestMarker, ruleModerator } from '../../../lambdas/adapters/moderation/rule-moderator';

const moderator = ruleModerator();
const categoryOf = async (prompt: string, negativePrompt?: string) => {
  const verdict = await moderator.check({ prompt, negativePrompt });
  return verdict.allowed ? 'allowed' : verdict.category;
};

describe('blocked prompts, by category', () => {
  it.each([
    ['child_safety', 'loli character art'],
    ['child_safety', 'kids at the beach, nsfw'],
    ['child_safety', 'a sexy schoolgirl costume'],
    ['child_safety', 'underage and undressed'],
    ['sexual', 'a porn poster'],
    ['sexual', 'pornographic art'],
    ['sexual', 'two adults having sex'],
    ['sexual', 'hentai style drawing'],
    ['sexual', 'NSFW fantasy scene'],
    ['violence', 'a battlefield full of gore'],
    ['violence', 'a dismembered soldier'],
    ['violence', 'the knight was beheaded'],
    ['violence', 'a severed head on a table'],
    ['hate', 'a white power rally poster'],
    ['hate', 'a sieg heil banner'],
    ['hate', 'ethnic cleansing propaganda'],
    ['self_harm', 'a note that says I will kill myself'],
    ['self_harm', 'self-harm scars on an arm'],
    ['self_harm', 'a pro-ana motivation poster'],
    ['self_harm', 'thinspo collage'],
  ])('blocks as %s: "%s"', async (category, prompt) => {
    expect(await categoryOf(prompt)).toBe(category);
  });

  it('answers with the category and a message that can be shown, never the matching words', async () => {
    const verdict = await moderator.check({ prompt: 'a porn poster' });

    expect(verdict).toEqual(blockedVerdict('sexual'));
    expect(verdict).toEqual({
      allowed: false,
      category: 'sexual',
      message: expect.stringMatching(/^This prompt was blocked/),
    });
    expect(JSON.stringify(verdict)).not.toContain('porn');
  });

  it('reports the most serious category when several match', async () => {
    expect(await categoryOf('sex with a child')).toBe('child_safety');
  });
});

describe('obfuscations', () => {
  it.each([
    ['letters spaced with dots', 's.e.x'],
    ['letters spaced with spaces', 's e x scene'],
    ['letters spaced with dashes, upper case', 'P-O-R-N'],
    ['leetspeak digits', 's3x'],
    ['leetspeak symbols', '$ex'],
    ['leetspeak zero', 'p0rn'],
    ['full-width letters', 'ｐｏｒｎ'],
    ['mathematical bold letters', '𝐩𝐨𝐫𝐧'],
    ['accents', 'pörn'],
    ['a zero-width space inside the word', 'p\u200Born'],
    ['a soft hyphen inside the word', 'p\u00ADorn'],
    ['Cyrillic look-alikes', 'ѕех'],
    ['leetspeak and spacing together', 'p 0 r n'],
  ])('sees through %s (%s)', async (_case, prompt) => {
    expect(await categoryOf(prompt)).not.toBe('allowed');
  });

  it('sees through any separators between the letters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('.', '-', '_', '*', ' ', ' . ', '~'), { minLength: 3, maxLength: 3 }),
        async ([a, b, c]) => {
          expect(await categoryOf(`g${a}o${b}r${c}e`)).toBe('violence');
        },
      ),
    );
  });
});

describe('innocent words that contain a listed one', () => {
  it.each([
    'a map of Essex',
    'the Sussex coast',
    'Middlesex university',
    'a therapist office with plants',
    'a bowl of grapes',
    'velvet drapes',
    'rapeseed fields in spring',
    'a brass sextant on a ship',
    'a Gore-Tex jacket in the rain',
    'a portrait of Al Gore',
    'a naked mole rat book for kids',
    'a Suicide Squad comic cover',
    'a sexy red sports car',
    'a child flying a kite',
    'white clouds over a power station',
  ])('allows "%s"', async (prompt) => {
    expect(await moderator.check({ prompt })).toEqual({ allowed: true });
  });

  it('matches whole words only, so a listed word inside another never counts (the Scunthorpe problem)', async () => {
    // The defaults list no profanity, so this uses a list that does.
    const profanity = ruleModerator([{ category: 'words', anyOf: ['ass', 'cunt'] }]);

    for (const prompt of [
      "assassin's creed fan art",
      'Scunthorpe town hall',
      'a bass guitar in class',
      'a glass of water',
    ]) {
      expect(await profanity.check({ prompt })).toEqual({ allowed: true });
    }
    expect(await profanity.check({ prompt: 'a stubborn ass' })).toMatchObject({ allowed: false, category: 'words' });
  });

  it('lets an exception cancel only its own words', async () => {
    expect(await categoryOf('a Gore-Tex jacket covered in gore')).toBe('violence');
  });
});

describe('the negative prompt', () => {
  it('is not checked against the rules: naming what to avoid is the responsible use', async () => {
    expect(
      await moderator.check({ prompt: 'a quiet forest path', negativePrompt: 'gore, nudity, nsfw, porn' }),
    ).toEqual({ allowed: true });
  });

  it('does not excuse a prompt that breaks a rule', async () => {
    expect(await categoryOf('a battlefield full of gore', 'blurry')).toBe('violence');
  });
});

describe(`the test phrase ${moderationTestMarker}`, () => {
  it('is always blocked, with category policy', async () => {
    expect(await moderator.check({ prompt: `a cat on a sofa ${moderationTestMarker}` })).toEqual(
      blockedVerdict('policy'),
    );
  });

  it('blocks whatever benign text surrounds it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (before, after) => {
        expect(await moderator.check({ prompt: `${before}${moderationTestMarker}${after}` })).toEqual(
          blockedVerdict('policy'),
        );
      }),
    );
  });

  it('counts only exactly as written, and only in the prompt', async () => {
    expect(await moderator.check({ prompt: 'a cat [LOCAL:MODERATE]' })).toEqual({ allowed: true });
    expect(await moderator.check({ prompt: 'a cat', negativePrompt: moderationTestMarker })).toEqual({ allowed: true });
  });
});

describe('custom rules', () => {
  const fruitModerator = ruleModerator([
    { category: 'fruit', anyOf: ['banana*', 'star fruit'], allOf: [['apple'], ['pie']], except: ['banana republic'] },
  ]);
  const fruitCategory = async (prompt: string) => {
    const verdict = await fruitModerator.check({ prompt });
    return verdict.allowed ? 'allowed' : verdict.category;
  };

  it('replace the defaults', async () => {
    expect(await fruitCategory('a porn poster')).toBe('allowed');
  });

  it('match open-ended words, phrases, combinations and exceptions as documented', async () => {
    expect(await fruitCategory('two bananas')).toBe('fruit');
    expect(await fruitCategory('a star-fruit')).toBe('fruit');
    expect(await fruitCategory('a star above the fruit')).toBe('allowed');
    expect(await fruitCategory('pie made from an apple')).toBe('fruit');
    expect(await fruitCategory('an apple tree')).toBe('allowed');
    expect(await fruitCategory('a banana republic shop')).toBe('allowed');
  });

  it('give a general message for a category without its own', async () => {
    expect(await fruitModerator.check({ prompt: 'bananas' })).toEqual({
      allowed: false,
      category: 'fruit',
      message: 'This prompt was blocked by content moderation. Change it and try again.',
    });
  });
});

describe('properties', () => {
  /** Ordinary words, including innocent ones that contain listed words and single letters that could be joined. */
  const safeWords = [
    'a',
    'the',
    'of',
    'cat',
    'dog',
    'sunset',
    'mountain',
    'river',
    'castle',
    'dragon',
    'blue',
    'red',
    'neon',
    'city',
    'forest',
    'portrait',
    'watercolor',
    'painting',
    'child',
    'kids',
    'kite',
    'essex',
    'sussex',
    'middlesex',
    'therapist',
    'grapes',
    'drapes',
    'rapeseed',
    'assassin',
    'creed',
    'sextant',
    'cocktail',
    'scunthorpe',
    'tex',
    'glass',
    'analysis',
    '1990',
    '4k',
    'café',
    'naïve',
    'ÉCOLE',
    'über',
  ];
  const separators = [' ', ', ', '. ', ' - ', '\n', '  ', "'s "];

  it('allows any text made of ordinary words', async () => {
    const benignText = fc
      .array(fc.tuple(fc.constantFrom(...safeWords), fc.constantFrom(...separators)), { minLength: 1, maxLength: 40 })
      .map((parts) => parts.map(([word, separator]) => word + separator).join(''));
    await fc.assert(
      fc.asyncProperty(benignText, fc.option(benignText, { nil: undefined }), async (prompt, negativePrompt) => {
        expect(await moderator.check({ prompt, negativePrompt })).toEqual({ allowed: true });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary unicode, lone surrogates included, and always answers a verdict', async () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc.string({ unit: anyCodeUnit, maxLength: 500 }),
    );
    const categories = ['child_safety', 'sexual', 'violence', 'hate', 'self_harm', 'policy'];
    await fc.assert(
      fc.asyncProperty(anyText, fc.option(anyText, { nil: undefined }), async (prompt, negativePrompt) => {
        const verdict = await moderator.check({ prompt, negativePrompt });
        if (verdict.allowed) expect(verdict).toEqual({ allowed: true });
        else expect(categories).toContain(verdict.category);
      }),
      { numRuns: 500 },
    );
  });
});
